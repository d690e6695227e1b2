import { afterEach, describe, expect, it } from 'vitest';

/** The label lookup of client/test/jsdom-backports.ts answers as jsdom's own (and the spec) does. */
describe('label control lookup (jsdom backport)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('finds the first labelable element in tree order with the for id, and only a labelable one', () => {
    document.body.innerHTML = `
      <label id="l1" for="a">A</label>
      <div><input id="a" name="first"></div>
      <input id="a" name="second">
      <label id="l2" for="d">D</label><div id="d"></div>
      <label id="l3" for="">Empty</label>
      <label id="l4" for="nowhere">None</label>`;
    const first = document.querySelector('input[name="first"]') as HTMLInputElement;
    expect((document.getElementById('l1') as HTMLLabelElement).control).toBe(first);
    expect((document.getElementById('l2') as HTMLLabelElement).control).toBeNull();
    expect((document.getElementById('l3') as HTMLLabelElement).control).toBeNull();
    expect((document.getElementById('l4') as HTMLLabelElement).control).toBeNull();
    expect(Array.from(first.labels ?? [], (l) => l.id)).toEqual(['l1']);
    expect((document.querySelector('input[name="second"]') as HTMLInputElement).labels).toHaveLength(0);
  });

  it('follows ids and for attributes as they change (labels stay live)', () => {
    document.body.innerHTML = `<label id="l" for="x">X</label><input id="x"><input id="y">`;
    const label = document.getElementById('l') as HTMLLabelElement;
    const [x, y] = [document.getElementById('x') as HTMLInputElement, document.getElementById('y') as HTMLInputElement];
    expect(x.labels).toHaveLength(1);
    label.htmlFor = 'y';
    expect(label.control).toBe(y);
    expect(x.labels).toHaveLength(0);
    expect(y.labels).toHaveLength(1);
    y.id = 'z';
    expect(label.control).toBeNull();
    expect(y.labels).toHaveLength(0);
    x.remove();
    document.body.prepend(Object.assign(document.createElement('textarea'), { id: 'y' }));
    expect(label.control?.localName).toBe('textarea');
  });

  it('keeps jsdom’s own answer for a wrapping label and for a label outside the document', () => {
    document.body.innerHTML = `<label id="wrap">Name <span><input id="inner"></span></label>`;
    expect((document.getElementById('wrap') as HTMLLabelElement).control).toBe(document.getElementById('inner'));

    const detached = document.createElement('div');
    detached.innerHTML = `<label for="q">Q</label><select id="q"></select>`;
    expect((detached.querySelector('label') as HTMLLabelElement).control).toBe(detached.querySelector('select'));
  });
});

it('is in effect on this jsdom (setup.ts loads it)', async () => {
  const { default: labelElement } = await import('jsdom/lib/jsdom/living/nodes/HTMLLabelElement-impl.js');
  const getter = Object.getOwnPropertyDescriptor(labelElement.implementation.prototype, 'control')?.get;
  expect(String(getter)).toContain('getElementById');
});
