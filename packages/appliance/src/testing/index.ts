export { asElectron } from './as-electron';
export * from './fake-electron';
export { SAMPLE_METHODS, sampleAgent, type SampleEvent, type SampleHandlers } from './sample-agent';
export {
  buildForTest,
  requiredModules,
  runBuiltMain,
  runBuiltPreload,
  type BuiltMainRun,
} from './built-shell';
export { EVALUATED_BEFORE_READY, fakeAppPage, type FakePageOptions } from './fake-page';
