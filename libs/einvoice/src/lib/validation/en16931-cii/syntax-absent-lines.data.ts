/**
 * The syntax rules "X should not be present" (CII-SR-*, CII-DT-*) as data, one table per rule context:
 * document and invoice line contexts (header contexts: `syntax-absent-header.data.ts`).
 * Each line: rule id (without "CII-"), flag (w = warning, f = fatal) and the path that must not exist,
 * written as child steps with the ram prefix left out (udt: written, @name for an attribute).
 */

/** Context `//ram:SpecifiedTradeSettlementPaymentMeans`. */
export const ABSENT_PAYMENT_MEANS = `
SR-464 w PayerSpecifiedDebtorFinancialInstitution
`;

/** Context `/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext`. */
export const ABSENT_DOCUMENT_CONTEXT = `
SR-001 w SpecifiedTransactionID
SR-002 w TestIndicator
SR-006 w BIMSpecifiedDocumentContextParameter
SR-007 w ScenarioSpecifiedDocumentContextParameter
SR-008 w ApplicationSpecifiedDocumentContextParameter
SR-011 w SubsetSpecifiedDocumentContextParameter
SR-012 w MessageStandardSpecifiedDocumentContextParameter
`;

/** Context `/rsm:CrossIndustryInvoice/rsm:ExchangedDocument`. */
export const ABSENT_DOCUMENT = `
SR-013 w Name
SR-015 w IssueDateTime/udt:DateTime
SR-016 w CopyIndicator
SR-017 w Purpose
SR-018 w ControlRequirementIndicator
SR-019 w LanguageID
SR-020 w PurposeCode
SR-021 w RevisionDateTime
SR-022 w VersionID
SR-023 w GlobalID
SR-024 w RevisionID
SR-025 w PreviousRevisionID
SR-026 w CategoryCode
SR-027 w IncludedNote/Subject
SR-028 w IncludedNote/ContentCode
SR-032 w IncludedNote/ID
SR-033 w EffectiveSpecifiedPeriod
SR-034 w IssuerTradeParty
`;

/** Context the line item (`.../rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem`). */
export const ABSENT_LINE = `
SR-035 w DescriptionCode
SR-036 w ParentLineID
SR-037 w LineStatusCode
SR-038 w LineStatusReasonCode
SR-221 w IncludedSubordinateTradeLineItem
`;

/** Context the line's `ram:AssociatedDocumentLineDocument`. */
export const ABSENT_LINE_DOCUMENT = `
SR-041 w IncludedNote/SubjectCode
SR-042 w IncludedNote/ID
SR-043 w IncludedNote/Subject
SR-044 w IncludedNote/ContentCode
`;

/** Context the line's `ram:SpecifiedTradeProduct`. */
export const ABSENT_PRODUCT = `
SR-045 w ID
SR-048 w ManufacturerAssignedID
SR-049 w TradeName
SR-050 w TypeCode
SR-051 w NetWeightMeasure
SR-052 w GrossWeightMeasure
SR-053 w ProductGroupID
SR-054 w EndItemTypeCode
SR-055 w EndItemName
SR-056 w AreaDensityMeasure
SR-057 w UseDescription
SR-058 w BrandName
SR-059 w SubBrandName
SR-060 w DrainedNetWeightMeasure
SR-061 w VariableMeasureIndicator
SR-062 w ColourCode
SR-063 w ColourDescription
SR-064 w Designation
SR-065 w FormattedCancellationAnnouncedLaunchDateTime
SR-066 w FormattedLatestProductDataChangeDateTime
SR-067 w ApplicableProductCharacteristic/ID
SR-068 w ApplicableProductCharacteristic/TypeCode
SR-070 w ApplicableProductCharacteristic/ValueMeasure
SR-071 w ApplicableProductCharacteristic/MeasurementMethodCode
SR-073 w ApplicableProductCharacteristic/ValueCode
SR-074 w ApplicableProductCharacteristic/ValueDateTime
SR-075 w ApplicableProductCharacteristic/ValueIndicator
SR-076 w ApplicableProductCharacteristic/ContentTypeCode
SR-077 w ApplicableProductCharacteristic/ValueSpecifiedBinaryFile
SR-078 w ApplicableProductCharacteristic/ApplicableProductCharacteristicCondition
SR-079 w ApplicableProductCharacteristic/ApplicableReferencedStandard
SR-080 w ApplicableMaterialGoodsCharacteristic
SR-081 w DesignatedProductClassification/SystemID
SR-082 w DesignatedProductClassification/SystemName
SR-083 w DesignatedProductClassification/ClassName
SR-084 w DesignatedProductClassification/SubClassCode
SR-085 w DesignatedProductClassification/ClassProductCharacteristic
SR-086 w DesignatedProductClassification/ApplicableReferencedStandard
SR-087 w IndividualTradeProductInstance
SR-088 w CertificationEvidenceReferenceReferencedDocument
SR-089 w InspectionReferenceReferencedDocument
SR-091 w OriginTradeCountry/Name
SR-092 w OriginTradeCountry/SubordinateTradeCountrySubDivision
SR-093 w LinearSpatialDimension
SR-094 w MinimumLinearSpatialDimension
SR-095 w MaximumLinearSpatialDimension
SR-096 w ManufacturerTradeParty
SR-097 w PresentationSpecifiedBinaryFile
SR-098 w MSDSReferenceReferencedDocument
SR-099 w AdditionalReferenceReferencedDocument
SR-100 w LegalRightsOwnerTradeParty
SR-101 w BrandOwnerTradeParty
SR-102 w IncludedReferencedProduct
SR-103 w InformationNote
`;

/** Context the line's `ram:SpecifiedLineTradeAgreement`. */
export const ABSENT_LINE_AGREEMENT = `
SR-104 w BuyerReference
SR-105 w BuyerRequisitionerTradeParty
SR-106 w ApplicableTradeDeliveryTerms
SR-107 w SellerOrderReferencedDocument
SR-108 w BuyerOrderReferencedDocument/IssuerAssignedID
SR-109 w QuotationReferencedDocument
SR-110 w ContractReferencedDocument
SR-111 w DemandForecastReferencedDocument
SR-112 w PromotionalDealReferencedDocument
SR-113 w AdditionalReferencedDocument
SR-114 w GrossPriceProductTradePrice/TypeCode
SR-115 w GrossPriceProductTradePrice/MinimumQuantity
SR-116 w GrossPriceProductTradePrice/MaximumQuantity
SR-117 w GrossPriceProductTradePrice/ChangeReason
SR-118 w GrossPriceProductTradePrice/OrderUnitConversionFactorNumeric
SR-120 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ID
SR-121 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/SequenceNumeric
SR-122 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/CalculationPercent
SR-123 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/BasisAmount
SR-124 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/BasisQuantity
SR-125 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/PrepaidIndicator
SR-126 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/UnitBasisAmount
SR-127 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ReasonCode
SR-128 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/Reason
SR-129 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/TypeCode
SR-130 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/CategoryTradeTax
SR-131 w GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ActualTradeCurrencyExchange
SR-445 w GrossPriceProductTradePrice/IncludedTradeTax
SR-132 w GrossPriceProductTradePrice/ValiditySpecifiedPeriod
SR-133 w GrossPriceProductTradePrice/DeliveryTradeLocation
SR-134 w GrossPriceProductTradePrice/TradeComparisonReferencePrice
SR-135 w GrossPriceProductTradePrice/AssociatedReferencedDocument
SR-136 w NetPriceProductTradePrice/TypeCode
SR-138 w NetPriceProductTradePrice/MinimumQuantity
SR-139 w NetPriceProductTradePrice/MaximumQuantity
SR-140 w NetPriceProductTradePrice/ChangeReason
SR-141 w NetPriceProductTradePrice/OrderUnitConversionFactorNumeric
SR-142 w NetPriceProductTradePrice/AppliedTradeAllowanceCharge
SR-446 w NetPriceProductTradePrice/IncludedTradeTax
SR-143 w NetPriceProductTradePrice/ValiditySpecifiedPeriod
SR-144 w NetPriceProductTradePrice/DeliveryTradeLocation
SR-145 w NetPriceProductTradePrice/TradeComparisonReferencePrice
SR-146 w NetPriceProductTradePrice/AssociatedReferencedDocument
SR-147 w RequisitionerReferencedDocument
SR-148 w ItemSellerTradeParty
SR-149 w ItemBuyerTradeParty
SR-150 w IncludedSpecifiedMarketplace
SR-447 w UltimateCustomerOrderReferencedDocument
`;

/** Context the line's `ram:SpecifiedLineTradeDelivery`. */
export const ABSENT_LINE_DELIVERY = `
SR-151 w RequestedQuantity
SR-152 w ReceivedQuantity
SR-153 w ChargeFreeQuantity
SR-154 w PackageQuantity
SR-155 w ProductUnitQuantity
SR-156 w PerPackageUnitQuantity
SR-157 w NetWeightMeasure
SR-158 w GrossWeightMeasure
SR-159 w TheoreticalWeightMeasure
SR-160 w DespatchedQuantity
SR-161 w SpecifiedDeliveryAdjustment
SR-162 w IncludedSupplyChainPackaging
SR-163 w RelatedSupplyChainConsignment
SR-164 w ShipToTradeParty
SR-165 w UltimateShipToTradeParty
SR-166 w ShipFromTradeParty
SR-167 w ActualDespatchSupplyChainEvent
SR-168 w ActualPickUpSupplyChainEvent
SR-169 w RequestedDeliverySupplyChainEvent
SR-170 w ActualDeliverySupplyChainEvent
SR-171 w ActualReceiptSupplyChainEvent
SR-172 w AdditionalReferencedDocument
SR-173 w DespatchAdviceReferencedDocument
SR-174 w ReceivingAdviceReferencedDocument
SR-175 w DeliveryNoteReferencedDocument
SR-176 w ConsumptionReportReferencedDocument
SR-177 w PackingListReferencedDocument
`;

/** Context the line's `ram:SpecifiedLineTradeSettlement`. */
export const ABSENT_LINE_SETTLEMENT = `
SR-178 w PaymentReference
SR-179 w InvoiceIssuerReference
SR-180 w TotalAdjustmentAmount
SR-181 w DiscountIndicator
SR-182 w ApplicableTradeTax/CalculatedAmount
SR-183 w SpecifiedTradeAllowanceCharge/ChargeIndicator/udt:IndicatorString
SR-184 w SpecifiedTradeAllowanceCharge/ID
SR-185 w SpecifiedTradeAllowanceCharge/SequenceNumeric
SR-186 w SpecifiedTradeAllowanceCharge/CalculationPercent/@format
SR-187 w SpecifiedTradeAllowanceCharge/BasisQuantity
SR-188 w SpecifiedTradeAllowanceCharge/PrepaidIndicator
SR-189 w SpecifiedTradeAllowanceCharge/UnitBasisAmount
SR-190 w SpecifiedTradeAllowanceCharge/TypeCode
SR-191 w SpecifiedTradeAllowanceCharge/CategoryTradeTax
SR-192 w SpecifiedTradeAllowanceCharge/ActualTradeCurrencyExchange
SR-193 w SpecifiedTradeAllowanceCharge/ID
SR-194 w SubtotalCalculatedTradeTax
SR-195 w SpecifiedLogisticsServiceCharge
SR-196 w SpecifiedTradePaymentTerms
SR-197 w SpecifiedTradeSettlementLineMonetarySummation/ChargeTotalAmount
SR-198 w SpecifiedTradeSettlementLineMonetarySummation/AllowanceTotalAmount
SR-199 w SpecifiedTradeSettlementLineMonetarySummation/TaxBasisTotalAmount
SR-200 w SpecifiedTradeSettlementLineMonetarySummation/TaxTotalAmount
SR-201 w SpecifiedTradeSettlementLineMonetarySummation/GrandTotalAmount
SR-202 w SpecifiedTradeSettlementLineMonetarySummation/InformationAmount
SR-203 w SpecifiedTradeSettlementLineMonetarySummation/TotalAllowanceChargeAmount
SR-204 w SpecifiedTradeSettlementLineMonetarySummation/TotalRetailValueInformationAmount
SR-205 w SpecifiedTradeSettlementLineMonetarySummation/GrossLineTotalAmount
SR-206 w SpecifiedTradeSettlementLineMonetarySummation/NetLineTotalAmount
SR-207 w SpecifiedTradeSettlementLineMonetarySummation/NetIncludingTaxesLineTotalAmount
SR-208 w SpecifiedTradeSettlementLineMonetarySummation/ProductWeightLossInformationAmount
SR-209 w SpecifiedFinancialAdjustment
SR-210 w InvoiceReferencedDocument
SR-212 w PayableSpecifiedTradeAccountingAccount
SR-213 w ReceivableSpecifiedTradeAccountingAccount/SetTriggerCode
SR-214 w ReceivableSpecifiedTradeAccountingAccount/TypeCode
SR-215 w ReceivableSpecifiedTradeAccountingAccount/AmountTypeCode
SR-216 w ReceivableSpecifiedTradeAccountingAccount/Name
SR-217 w ReceivableSpecifiedTradeAccountingAccount/CostReferenceDimensionPattern
SR-218 w PurchaseSpecifiedTradeAccountingAccount
SR-219 w SalesSpecifiedTradeAccountingAccount
SR-220 w SpecifiedTradeSettlementFinancialCard
`;
