// The two jsdom internals client/test/jsdom-backports.ts patches (jsdom ships no types for them).
declare module 'jsdom/lib/jsdom/living/nodes/HTMLLabelElement-impl.js' {
  const labelElement: { implementation: { prototype: object } };
  export default labelElement;
}
declare module 'jsdom/lib/jsdom/living/helpers/form-controls.js' {
  const formControls: { isLabelable(node: unknown): boolean };
  export default formControls;
}
