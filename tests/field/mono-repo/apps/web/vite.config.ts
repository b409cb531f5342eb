// Vite + Vitest configuration (dependency-free stub of the real file).
export default { resolve: { alias: { '@': '/src' } }, test: { environment: 'jsdom' } };
