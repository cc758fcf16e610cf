/**
 * The syntax rules "X should not be present" (CII-SR-*, CII-DT-*) as data, one table per rule context:
 * header, root and name-suffix contexts (document and line contexts: `syntax-absent-lines.data.ts`).
 * Each line: rule id (without "CII-"), flag (w = warning, f = fatal) and the path that must not exist,
 * written as child steps with the ram prefix left out (udt: written, @name for an attribute).
 */

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement`. */
export const ABSENT_HEADER_AGREEMENT = `
SR-442 w Reference
SR-222 w SellerTradeParty/RoleCode
SR-223 w SellerTradeParty/SpecifiedLegalOrganization/LegalClassificationCode
SR-224 w SellerTradeParty/SpecifiedLegalOrganization/Name
SR-225 w SellerTradeParty/SpecifiedLegalOrganization/PostalTradeAddress
SR-226 w SellerTradeParty/SpecifiedLegalOrganization/AuthorizedLegalRegistration
SR-227 w SellerTradeParty/DefinedTradeContact/ID
SR-228 w SellerTradeParty/DefinedTradeContact/TypeCode
SR-229 w SellerTradeParty/DefinedTradeContact/JobTitle
SR-230 w SellerTradeParty/DefinedTradeContact/Responsibility
SR-231 w SellerTradeParty/DefinedTradeContact/PersonID
SR-232 w SellerTradeParty/DefinedTradeContact/TelephoneUniversalCommunication/URIID
SR-233 w SellerTradeParty/DefinedTradeContact/TelephoneUniversalCommunication/ChannelCode
SR-234 w SellerTradeParty/DefinedTradeContact/DirectTelephoneUniversalCommunication
SR-235 w SellerTradeParty/DefinedTradeContact/MobileTelephoneUniversalCommunication
SR-236 w SellerTradeParty/DefinedTradeContact/FaxUniversalCommunication
SR-237 w SellerTradeParty/DefinedTradeContact/EmailURIUniversalCommunication/ChannelCode
SR-238 w SellerTradeParty/DefinedTradeContact/EmailURIUniversalCommunication/CompleteNumber
SR-239 w SellerTradeParty/DefinedTradeContact/TelexUniversalCommunication
SR-240 w SellerTradeParty/DefinedTradeContact/VOIPUniversalCommunication
SR-241 w SellerTradeParty/DefinedTradeContact/InstantMessagingUniversalCommunication
SR-242 w SellerTradeParty/DefinedTradeContact/SpecifiedNote
SR-243 w SellerTradeParty/DefinedTradeContact/SpecifiedContactPerson
SR-244 w SellerTradeParty/URIUniversalCommunication/ChannelCode
SR-245 w SellerTradeParty/URIUniversalCommunication/CompleteNumber
SR-246 w SellerTradeParty/SpecifiedTaxRegistration/AssociatedRegisteredTax
SR-247 w SellerTradeParty/EndPointURIUniversalCommunication
SR-248 w SellerTradeParty/LogoAssociatedSpecifiedBinaryFile
SR-249 w BuyerTradeParty/RoleCode
SR-250 w BuyerTradeParty/Description
SR-251 w BuyerTradeParty/SpecifiedLegalOrganization/LegalClassificationCode
SR-252 w BuyerTradeParty/SpecifiedLegalOrganization/Name
SR-254 w BuyerTradeParty/SpecifiedLegalOrganization/PostalTradeAddress
SR-255 w BuyerTradeParty/SpecifiedLegalOrganization/AuthorizedLegalRegistration
SR-256 w BuyerTradeParty/DefinedTradeContact/ID
SR-257 w BuyerTradeParty/DefinedTradeContact/TypeCode
SR-258 w BuyerTradeParty/DefinedTradeContact/JobTitle
SR-259 w BuyerTradeParty/DefinedTradeContact/Responsibility
SR-260 w BuyerTradeParty/DefinedTradeContact/PersonID
SR-261 w BuyerTradeParty/DefinedTradeContact/TelephoneUniversalCommunication/URIID
SR-262 w BuyerTradeParty/DefinedTradeContact/TelephoneUniversalCommunication/ChannelCode
SR-263 w BuyerTradeParty/DefinedTradeContact/DirectTelephoneUniversalCommunication
SR-264 w BuyerTradeParty/DefinedTradeContact/MobileTelephoneUniversalCommunication
SR-265 w BuyerTradeParty/DefinedTradeContact/FaxUniversalCommunication
SR-266 w BuyerTradeParty/DefinedTradeContact/EmailURIUniversalCommunication/ChannelCode
SR-267 w BuyerTradeParty/DefinedTradeContact/EmailURIUniversalCommunication/CompleteNumber
SR-268 w BuyerTradeParty/DefinedTradeContact/TelexUniversalCommunication
SR-269 w BuyerTradeParty/DefinedTradeContact/VOIPUniversalCommunication
SR-270 w BuyerTradeParty/DefinedTradeContact/InstantMessagingUniversalCommunication
SR-271 w BuyerTradeParty/DefinedTradeContact/SpecifiedNote
SR-272 w BuyerTradeParty/DefinedTradeContact/SpecifiedContactPerson
SR-273 w BuyerTradeParty/URIUniversalCommunication/ChannelCode
SR-274 w BuyerTradeParty/URIUniversalCommunication/CompleteNumber
SR-275 w BuyerTradeParty/SpecifiedTaxRegistration/AssociatedRegisteredTax
SR-276 w BuyerTradeParty/EndPointURIUniversalCommunication
SR-277 w BuyerTradeParty/LogoAssociatedSpecifiedBinaryFile
SR-278 w SalesAgentTradeParty
SR-279 w BuyerRequisitionerTradeParty
SR-280 w BuyerAssignedAccountantTradeParty
SR-281 w SellerAssignedAccountantTradeParty
SR-282 w SellerTaxRepresentativeTradeParty/ID
SR-283 w SellerTaxRepresentativeTradeParty/GlobalID
SR-284 w SellerTaxRepresentativeTradeParty/RoleCode
SR-285 w SellerTaxRepresentativeTradeParty/Description
SR-286 w SellerTaxRepresentativeTradeParty/SpecifiedLegalOrganization
SR-287 w SellerTaxRepresentativeTradeParty/DefinedTradeContact
SR-288 w SellerTaxRepresentativeTradeParty/URIUniversalCommunication
SR-289 w SellerTaxRepresentativeTradeParty/SpecifiedTaxRegistration/AssociatedRegisteredTax
SR-290 w SellerTaxRepresentativeTradeParty/EndPointURIUniversalCommunication
SR-291 w SellerTaxRepresentativeTradeParty/LogoAssociatedSpecifiedBinaryFile
SR-292 w ProductEndUserTradeParty
SR-293 w ApplicableTradeDeliveryTerms
SR-294 w SellerOrderReferencedDocument/LineID
SR-295 w BuyerOrderReferencedDocument/LineID
SR-296 w QuotationReferencedDocument
SR-297 w OrderResponseReferencedDocument
SR-298 w ContractReferencedDocument/LineID
SR-299 w DemandForecastReferencedDocument
SR-300 w SupplyInstructionReferencedDocument
SR-301 w PromotionalDealReferencedDocument
SR-302 w PriceListReferencedDocument
SR-303 w AdditionalReferencedDocument/LineID
SR-304 w RequisitionerReferencedDocument
SR-305 w BuyerAgentTradeParty
SR-306 w PurchaseConditionsReferencedDocument
SR-307 w SpecifiedProcuringProject/Description
SR-448 w UltimateCustomerOrderReferencedDocument
`;

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery`. */
export const ABSENT_HEADER_DELIVERY = `
SR-308 w RelatedSupplyChainConsignment
SR-309 w ShipToTradeParty/RoleCode
SR-310 w ShipToTradeParty/Description
SR-311 w ShipToTradeParty/SpecifiedLegalOrganization
SR-312 w ShipToTradeParty/DefinedTradeContact
SR-313 w ShipToTradeParty/URIUniversalCommunication
SR-314 w ShipToTradeParty/SpecifiedTaxRegistration
SR-315 w ShipToTradeParty/EndPointURIUniversalCommunication
SR-316 w ShipToTradeParty/LogoAssociatedSpecifiedBinaryFile
SR-317 w UltimateShipToTradeParty
SR-318 w ShipFromTradeParty
SR-319 w ActualDespatchSupplyChainEvent
SR-320 w ActualPickUpSupplyChainEvent
SR-321 w ActualDeliverySupplyChainEvent/ID
SR-322 w ActualDeliverySupplyChainEvent/OccurrenceDateTime/udt:DateTime
SR-323 w ActualDeliverySupplyChainEvent/TypeCode
SR-324 w ActualDeliverySupplyChainEvent/Description
SR-325 w ActualDeliverySupplyChainEvent/DescriptionBinaryObject
SR-326 w ActualDeliverySupplyChainEvent/UnitQuantity
SR-327 w ActualDeliverySupplyChainEvent/LatestOccurrenceDateTime
SR-328 w ActualDeliverySupplyChainEvent/EarliestOccurrenceDateTime
SR-329 w ActualDeliverySupplyChainEvent/OccurrenceSpecifiedPeriod
SR-330 w ActualDeliverySupplyChainEvent/OccurrenceLogisticsLocation
SR-331 w ActualReceiptSupplyChainEvent
SR-332 w AdditionalReferencedDocument
SR-333 w DespatchAdviceReferencedDocument/LineID
SR-334 w DespatchAdviceReferencedDocument/LineID
SR-335 w DeliveryNoteReferencedDocument
SR-336 w ConsumptionReportReferencedDocument
SR-337 w PreviousDeliverySupplyChainEvent
SR-338 w PackingListReferencedDocument
`;

/** Context `.../rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement`. */
export const ABSENT_HEADER_SETTLEMENT = `
SR-339 w DuePayableAmount
SR-340 w CreditorReferenceTypeCode
SR-341 w CreditorReferenceType
SR-342 w CreditorReferenceIssuerID
SR-344 w PaymentCurrencyCode
SR-345 w InvoiceIssuerReference
SR-346 w InvoiceDateTime
SR-347 w NextInvoiceDateTime
SR-348 w CreditReasonCode
SR-349 w CreditReason
SR-350 w InvoicerTradeParty
SR-351 w InvoiceeTradeParty
SR-352 w PayeeTradeParty/RoleCode
SR-353 w PayeeTradeParty/Description
SR-354 w PayeeTradeParty/SpecifiedLegalOrganization/LegalClassificationCode
SR-355 w PayeeTradeParty/SpecifiedLegalOrganization/Name
SR-356 w PayeeTradeParty/SpecifiedLegalOrganization/TradingBusinessName
SR-357 w PayeeTradeParty/SpecifiedLegalOrganization/PostalTradeAddress
SR-358 w PayeeTradeParty/SpecifiedLegalOrganization/AuthorizedLegalRegistration
SR-359 w PayeeTradeParty/DefinedTradeContact
SR-360 w PayeeTradeParty/PostalTradeAddress
SR-361 w PayeeTradeParty/URIUniversalCommunication
SR-362 w PayeeTradeParty/SpecifiedTaxRegistration
SR-363 w PayeeTradeParty/EndPointURIUniversalCommunication
SR-364 w PayeeTradeParty/LogoAssociatedSpecifiedBinaryFile
SR-365 w PayerTradeParty
SR-366 w TaxApplicableTradeCurrencyExchange
SR-367 w InvoiceApplicableTradeCurrencyExchange
SR-368 w PaymentApplicableTradeCurrencyExchange
SR-369 w SpecifiedTradeSettlementPaymentMeans/PaymentChannelCode
SR-370 w SpecifiedTradeSettlementPaymentMeans/GuaranteeMethodCode
SR-371 w SpecifiedTradeSettlementPaymentMeans/PaymentMethodCode
SR-443 w SpecifiedTradeSettlementPaymentMeans/ID
SR-372 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/MicrochipIndicator
SR-373 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/TypeCode
SR-375 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/ExpiryDate
SR-376 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/VerificationNumeric
SR-377 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/ValidFromDateTime
SR-378 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/CreditLimitAmount
SR-379 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/CreditAvailableAmount
SR-380 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/InterestRatePercent
SR-381 w SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard/Description
SR-382 w SpecifiedTradeSettlementPaymentMeans/PayerPartyDebtorFinancialAccount/AccountName
SR-444 w SpecifiedTradeSettlementPaymentMeans/PayerPartyDebtorFinancialAccount/ProprietaryID
SR-384 w SpecifiedTradeSettlementPaymentMeans/PayerSpecifiedDebtorFinancialInstitution/ClearingSystemName
SR-385 w SpecifiedTradeSettlementPaymentMeans/PayerSpecifiedDebtorFinancialInstitution/Name
SR-386 w SpecifiedTradeSettlementPaymentMeans/PayerSpecifiedDebtorFinancialInstitution/LocationFinancialInstitutionAddress
SR-388 w SpecifiedTradeAllowanceCharge/ID
SR-389 w SpecifiedTradeAllowanceCharge/SequenceNumeric
SR-390 w SpecifiedTradeAllowanceCharge/BasisQuantity
SR-391 w SpecifiedTradeAllowanceCharge/PrepaidIndicator
SR-392 w SpecifiedTradeAllowanceCharge/UnitBasisAmount
SR-393 w SpecifiedTradeAllowanceCharge/TypeCode
SR-394 w SpecifiedTradeAllowanceCharge/ActualTradeCurrencyExchange
SR-395 w SubtotalCalculatedTradeTax
SR-396 w SpecifiedLogisticsServiceCharge
SR-397 w SpecifiedTradePaymentTerms/ID
SR-398 w SpecifiedTradePaymentTerms/FromEventCode
SR-399 w SpecifiedTradePaymentTerms/SettlementPeriodMeasure
SR-400 w SpecifiedTradePaymentTerms/DueDateDateTime/udt:DateTime
SR-401 w SpecifiedTradePaymentTerms/TypeCode
SR-402 w SpecifiedTradePaymentTerms/InstructionTypeCode
SR-404 w SpecifiedTradePaymentTerms/PartialPaymentPercent
SR-405 w SpecifiedTradePaymentTerms/PaymentMeansID
SR-406 w SpecifiedTradePaymentTerms/PartialPaymentAmount
SR-407 w SpecifiedTradePaymentTerms/ApplicableTradePaymentPenaltyTerms
SR-408 w SpecifiedTradePaymentTerms/ApplicableTradePaymentDiscountTerms
SR-409 w SpecifiedTradePaymentTerms/PayeeTradeParty
SR-421 w SpecifiedFinancialAdjustment
SR-422 w InvoiceReferencedDocument/LineID
SR-423 w ProFormaInvoiceReferencedDocument
SR-424 w LetterOfCreditReferencedDocument
SR-425 w FactoringAgreementReferencedDocument
SR-426 w FactoringListReferencedDocument
SR-427 w PayableSpecifiedTradeAccountingAccount
SR-428 w ReceivableSpecifiedTradeAccountingAccount/SetTriggerCode
SR-429 w ReceivableSpecifiedTradeAccountingAccount/TypeCode
SR-430 w ReceivableSpecifiedTradeAccountingAccount/AmountTypeCode
SR-431 w ReceivableSpecifiedTradeAccountingAccount/Name
SR-432 w ReceivableSpecifiedTradeAccountingAccount/CostReferenceDimensionPattern
SR-433 w PurchaseSpecifiedTradeAccountingAccount
SR-434 w SalesSpecifiedTradeAccountingAccount
SR-435 w SpecifiedTradeSettlementFinancialCard
SR-436 w SpecifiedAdvancePayment
SR-437 w UltimatePayeeTradeParty
`;

/** Context the header `ram:SpecifiedTradeSettlementHeaderMonetarySummation`. */
export const ABSENT_SUMMATION = `
SR-411 w InformationAmount
SR-412 w TotalDiscountAmount
SR-413 w TotalAllowanceChargeAmount
SR-414 w RetailValueExcludingTaxInformationAmount
SR-415 w TotalDepositFeeInformationAmount
SR-416 w ProductValueExcludingTobaccoTaxInformationAmount
SR-417 w TotalRetailValueInformationAmount
SR-418 w GrossLineTotalAmount
SR-419 w NetLineTotalAmount
SR-420 w NetIncludingTaxesLineTotalAmount
`;

/** Context `/rsm:CrossIndustryInvoice`. */
export const ABSENT_ROOT = `
SR-438 w ValuationBreakdownStatement
`;

/** Context any `*DocumentContextParameter`. */
export const ABSENT_CONTEXT_PARAMETER = `
SR-04 w Value
SR-05 w SpecifiedDocumentVersion
`;

/** Context any `ram:*ReferencedDocument`. */
export const ABSENT_REFERENCED_DOCUMENT = `
DT-016 f StatusCode
DT-017 f CopyIndicator
DT-019 f GlobalID
DT-020 f RevisionID
DT-023 f Information
DT-025 f SectionName
DT-026 f PreviousRevisionID
DT-028 f EffectiveSpecifiedPeriod
DT-029 f IssuerTradeParty
DT-030 f AttachedSpecifiedBinaryFile
`;

/** Context any `ram:*TradeTax`. */
export const ABSENT_TRADE_TAX = `
DT-038 w CalculatedRate
DT-039 w CalculationSequenceNumeric
DT-040 w BasisQuantity
DT-042 w UnitBasisAmount
DT-043 w LineTotalBasisAmount
DT-044 w AllowanceChargeBasisAmount
DT-049 w CurrencyCode
DT-050 w Jurisdiction
DT-051 w CustomsDutyIndicator
DT-053 w TaxBasisAllowanceRate
DT-055 w Type
DT-056 w InformationAmount
DT-057 w CategoryName
DT-059 w RateApplicablePercent/@format
DT-060 w SpecifiedTradeAccountingAccount
DT-061 w ServiceSupplyTradeCountry
DT-062 w BuyerRepayableTaxSpecifiedTradeAccountingAccount
DT-063 w SellerPayableTaxSpecifiedTradeAccountingAccount
DT-064 w SellerRefundableTaxSpecifiedTradeAccountingAccount
DT-065 w BuyerDeductibleTaxSpecifiedTradeAccountingAccount
DT-066 w BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount
DT-067 w PlaceApplicableTradeLocation
`;

/** Context any `ram:BillingSpecifiedPeriod`. */
export const ABSENT_PERIOD = `
DT-068 f StartDateTime/udt:DateTime
DT-069 f DurationMeasure
DT-070 f InclusiveIndicator
DT-071 f Description
DT-072 f EndDateTime/udt:DateTime
DT-073 f CompleteDateTime
DT-074 f OpenIndicator
DT-075 f SeasonCode
DT-076 f ID
DT-077 f Name
DT-078 f SequenceNumeric
DT-079 f StartDateFlexibilityCode
DT-080 f ContinuousIndicator
DT-081 f PurposeCode
`;

/** Context any `ram:PostalTradeAddress`. */
export const ABSENT_ADDRESS = `
DT-082 f ID
DT-083 f PostOfficeBox
DT-084 f BuildingName
DT-086 f LineFour
DT-087 f LineFive
DT-088 f StreetName
DT-089 f CitySubDivisionName
DT-090 f CountryName
DT-091 f CountrySubDivisionID
DT-092 f AttentionOf
DT-093 f CareOf
DT-094 f BuildingNumber
DT-095 f DepartmentName
DT-096 f AdditionalStreetName
`;
