/**
 * A small hand-written stand-in for the `electron` module, for the shell's unit tests (the
 * Electron binary cannot be downloaded where they run). It keeps Electron's shapes and event
 * order where the shell depends on them: preventable events, the quit sequence (before-quit →
 * windows close → will-quit → quit), `ipcRenderer.invoke` reaching `ipcMain.handle` with a sender
 * and frame, `webContents.send` reaching `ipcRenderer.on`, structured cloning across IPC.
 *
 * Use: `vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule)`
 * and `fake.reset()` before each test.
 */
import { EventEmitter } from 'node:events';

/** An Electron event: preventable, with the event's own fields on it (like `details.url`). */
export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: object = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  readonly url: string;
  readonly parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  url = '';
  destroyed = false;
  devToolsOpened = false;
  zoomFactor = 1;
  visualZoomLimits: [number, number] | null = null;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly loads: string[] = [];
  reloads = 0;
  forcedCrashes = 0;
  readonly mainFrame: FakeFrame;

  constructor(private readonly electron: FakeElectron) {
    super();
    const url = () => this.url;
    this.mainFrame = {
      get url() {
        return url();
      },
      parent: null,
    };
  }

  /** Simulates a page load: the URL changes and did-finish-load fires. */
  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.url = url;
    this.emit('did-finish-load', new FakeEvent());
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    this.reloads++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = args.map((a) => structuredClone(a));
    this.sent.push({ channel, args: cloned });
    if (this.electron.preloadContents === this) this.electron.ipcRenderer.deliver(channel, cloned);
  }
  forcefullyCrashRenderer(): void {
    this.forcedCrashes++;
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  openDevTools(): void {
    this.devToolsOpened = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    if (!this.devToolsOpened) return;
    this.devToolsOpened = false;
    this.emit('devtools-closed');
  }
  toggleDevTools(): void {
    if (this.devToolsOpened) this.closeDevTools();
    else this.openDevTools();
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }
  /** Test helper: emits a preventable event and tells whether a listener prevented it. */
  fire(event: string, fields: object = {}, ...args: unknown[]): boolean {
    const e = new FakeEvent(fields);
    this.emit(event, e, ...args);
    return e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  /** The one fake Electron the windows belong to. */
  static electron: FakeElectron;
  readonly webContents: FakeWebContents;
  destroyed = false;
  focused = false;
  minimized = false;
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const electron = FakeBrowserWindow.electron;
    this.webContents = new FakeWebContents(electron);
    electron.windows.push(this);
    electron.app.emit('web-contents-created', new FakeEvent(), this.webContents);
    electron.app.emit('browser-window-created', new FakeEvent(), this);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  /** Like a user or the OS closing the window: 'close' may be prevented. */
  close(): void {
    if (this.destroyed) return;
    const e = new FakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    const { windows, app } = FakeBrowserWindow.electron;
    // Electron does not emit it while quitting (app.quit closes the windows itself).
    if (!app.quitting && windows.every((w) => w.destroyed)) app.emit('window-all-closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  focus(): void {
    this.focused = true;
  }
  show(): void {}
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  hasSingleInstanceLock = true;
  appPath = '/opt/novbe-kiosk';
  readonly paths = new Map<string, string>();
  readonly switches: [string, string | undefined][] = [];
  readonly loginItemSettings: object[] = [];
  quitRequests = 0;
  relaunches = 0;
  quitted = false;
  /** Inside `quit()`: windows are closing. */
  quitting = false;
  exitCode: number | null = null;
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]),
  };
  #ready!: Promise<void>;
  #fireReady!: () => void;

  constructor(private readonly electron: FakeElectron) {
    super();
    this.reset();
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.hasSingleInstanceLock = true;
    this.appPath = '/opt/novbe-kiosk';
    this.paths.clear();
    this.switches.length = 0;
    this.loginItemSettings.length = 0;
    this.quitRequests = 0;
    this.relaunches = 0;
    this.quitted = false;
    this.quitting = false;
    this.exitCode = null;
    this.#ready = new Promise((resolve) => (this.#fireReady = resolve));
  }
  /** Test helper: Electron finished initialising. */
  fireReady(): void {
    this.emit('ready');
    this.#fireReady();
  }
  whenReady(): Promise<void> {
    return this.#ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setLoginItemSettings(settings: object): void {
    this.loginItemSettings.push(settings);
  }
  relaunch(): void {
    this.relaunches++;
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.quitted = true;
  }
  /** Electron's order: before-quit, every window asked to close, will-quit, quit. */
  quit(): void {
    this.quitRequests++;
    if (this.quitted || this.quitting) return;
    const before = new FakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    try {
      for (const w of this.electron.windows) w.close();
      if (this.electron.windows.some((w) => !w.destroyed)) return;
      const will = new FakeEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) return;
      this.quitted = true;
      this.emit('quit', new FakeEvent(), 0);
    } finally {
      this.quitting = false;
    }
  }
}

type InvokeListener = (event: object, ...args: unknown[]) => unknown;

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: a call as it arrives from some webContents and frame (maybe a foreign one). */
  async invokeFrom(
    sender: FakeWebContents,
    frame: FakeFrame | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { sender, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' };
    const result = await handler(event, ...args.map((a) => structuredClone(a)));
    return structuredClone(result);
  }
}

export class FakeIpcRenderer extends EventEmitter {
  constructor(private readonly electron: FakeElectron) {
    super();
  }
  /** Reaches `ipcMain.handle` as a call from the page the preload runs in. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const contents = this.electron.preloadContents;
    if (!contents) throw new Error('the preload runs in no page');
    return this.electron.ipcMain.invokeFrom(contents, contents.mainFrame, channel, ...args);
  }
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this }, ...args);
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler:
    ((contents: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  headersReceived:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersReceived']>) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

export interface FakeDisplay {
  readonly id: number;
  readonly bounds: { x: number; y: number; width: number; height: number };
  readonly workAreaSize: { width: number; height: number };
  readonly size: { width: number; height: number };
  readonly scaleFactor: number;
}

/** A monitor at (x, y) of the given size, as `screen.getAllDisplays()` lists it. */
export function fakeDisplay(id: number, x: number, y: number, width: number, height: number): FakeDisplay {
  return {
    id,
    bounds: { x, y, width, height },
    workAreaSize: { width, height },
    size: { width, height },
    scaleFactor: 1,
  };
}

export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  readonly app: FakeApp;
  constructor() {
    FakeBrowserWindow.electron = this;
    this.app = new FakeApp(this);
  }
  readonly BrowserWindow = FakeBrowserWindow;
  ipcMain = new FakeIpcMain();
  ipcRenderer = new FakeIpcRenderer(this);
  /** The page the preload runs in; `ipcRenderer` calls come from it. */
  preloadContents: FakeWebContents | null = null;
  readonly exposed = new Map<string, unknown>();
  readonly contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      this.exposed.set(key, api);
    },
  };
  readonly session = { defaultSession: new FakeSession() };
  readonly privilegedSchemes: object[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly protocol = {
    registerSchemesAsPrivileged: (schemes: object[]) => {
      if (this.readyFired)
        throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      this.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  readyFired = false;
  /** The monitors, primary first (one 1080×1920 portrait touchscreen after `reset()`). */
  readonly displays: FakeDisplay[] = [fakeDisplay(1, 0, 0, 1080, 1920)];
  readonly screen = {
    getPrimaryDisplay: () => this.displays[0]!,
    getAllDisplays: () => [...this.displays],
  };
  applicationMenu: unknown = undefined;
  readonly Menu = {
    setApplicationMenu: (menu: unknown) => {
      this.applicationMenu = menu;
    },
  };

  reset(): void {
    this.windows.length = 0;
    this.app.reset();
    this.app.on('ready', () => (this.readyFired = true));
    this.readyFired = false;
    this.ipcMain.removeAllListeners();
    this.ipcMain.handlers.clear();
    this.ipcRenderer.removeAllListeners();
    this.preloadContents = null;
    this.exposed.clear();
    this.session.defaultSession = new FakeSession();
    this.privilegedSchemes.length = 0;
    this.protocolHandlers.clear();
    this.applicationMenu = undefined;
    this.displays.splice(0, this.displays.length, fakeDisplay(1, 0, 0, 1080, 1920));
  }

  /** Test helper: a request to a registered custom scheme, as Chromium would make it. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}

export const fake = new FakeElectron();

/** What `import … from 'electron'` yields under `vi.mock`. */
export const electronModule = {
  get app() {
    return fake.app;
  },
  get BrowserWindow() {
    return fake.BrowserWindow;
  },
  get ipcMain() {
    return fake.ipcMain;
  },
  get ipcRenderer() {
    return fake.ipcRenderer;
  },
  get contextBridge() {
    return fake.contextBridge;
  },
  get session() {
    return fake.session;
  },
  get protocol() {
    return fake.protocol;
  },
  get screen() {
    return fake.screen;
  },
  get Menu() {
    return fake.Menu;
  },
};
