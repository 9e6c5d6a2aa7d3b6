/**
 * The appliances' shared look: the theme, the bundled fonts and small presentational React
 * components. Styles: `import '@novbe/ui/styles.css'` once, before the app's own stylesheet.
 */
export { Fact } from './components/fact';
export { Icon, type IconName } from './components/icon';
export { Outcome } from './components/outcome';
export { ScreenFrame, type ScreenFrameProps } from './components/screen-frame';
export { TouchButton, type TouchButtonProps } from './components/touch-button';
