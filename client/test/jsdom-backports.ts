import jsdomPackage from 'jsdom/package.json';
import formControls from 'jsdom/lib/jsdom/living/helpers/form-controls.js';
import labelElement from 'jsdom/lib/jsdom/living/nodes/HTMLLabelElement-impl.js';

/**
 * jsdom 29 finds a `<label for>`'s control by walking the whole document, and every control's
 * `labels` asks that of every label in the document: reading one control's labels costs
 * labels × nodes, and `getByLabelText`, and `getByRole` with a name (which reads `labels`), do it
 * for every control. On the decision form (43 checklist rows, ~130 labelled controls) that was half
 * the CPU time of the decision tests, and what made them time out on a busy machine.
 *
 * jsdom 30.1 looks the control up in the document's id map instead (jsdom/jsdom#4253), but needs
 * Node 22; we support Node 20. This is that change, made here until we can upgrade: for a label in
 * a document, `control` is `getElementById(for)` (the first element in tree order with that id, as
 * the spec says; jsdom's id map keeps tree order), and everything else (no `for`, a label outside a
 * document) is jsdom's own code. client/test/jsdom-backports.test.ts checks it answers as before.
 */
const [major = 0, minor = 0] = jsdomPackage.version.split('.').map(Number);
if (major < 30 || (major === 30 && minor < 1)) {
  const prototype = labelElement.implementation.prototype;
  const jsdomControl = Object.getOwnPropertyDescriptor(prototype, 'control')?.get;
  if (!jsdomControl) throw new Error('jsdom backport: HTMLLabelElement has no control getter to replace');
  Object.defineProperty(prototype, 'control', {
    configurable: true,
    enumerable: true,
    get(this: LabelImpl) {
      const root = this.getRootNode({});
      if (root.nodeType !== Node.DOCUMENT_NODE || !this.hasAttributeNS(null, 'for')) return jsdomControl.call(this);
      const forValue = this.getAttributeNS(null, 'for') ?? '';
      if (forValue === '') return null;
      const element = root.getElementById(forValue);
      return element && formControls.isLabelable(element) ? element : null;
    },
  });
}

type LabelImpl = {
  getRootNode(options: object): { nodeType: number; getElementById(id: string): unknown };
  hasAttributeNS(namespace: null, name: string): boolean;
  getAttributeNS(namespace: null, name: string): string | null;
};
