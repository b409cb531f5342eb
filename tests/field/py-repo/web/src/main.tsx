export const mountPoint = 'root';
