/**
 * Raised where XPath raises a dynamic or type error (a bad cast, several items where one is
 * expected). In a rule context it means "no match"; in an assertion, a failed assertion.
 */
export class XPathError extends Error {}
