// The prebuilt browser bundle needs no Node polyfills; its API is the `simple-peer` package's.
declare module 'simple-peer/simplepeer.min.js' {
  const SimplePeer: typeof import('simple-peer');
  export default SimplePeer;
}
