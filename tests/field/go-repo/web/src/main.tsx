// Entry point: mounts <App /> into #root.
export const rootElementId = 'root';
