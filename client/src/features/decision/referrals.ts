/**
 * Suggestions for the "Preferred hub" box of a Connecting Care Children's Hub referral. Examples
 * only: the clinician may type any hub. Hubs are groups of GP practices with a monthly MDT and a
 * joint GP/paediatrician clinic (CLINICAL.md), named here by the area they serve.
 */
export const EXAMPLE_CHILDRENS_HUBS: readonly string[] = [
  "Children's Hub (child's own GP practice network)",
  "North West London Children's Hub",
  "North Central London Children's Hub",
  "South East London Children's Hub",
  "Greater Manchester Children's Hub",
];
