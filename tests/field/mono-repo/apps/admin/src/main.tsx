// Internal admin console entry point.
export const adminRoot = 'admin-root';
