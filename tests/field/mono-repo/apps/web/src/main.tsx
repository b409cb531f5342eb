// Entry point of the operator web app.
export const rootId = 'root';
