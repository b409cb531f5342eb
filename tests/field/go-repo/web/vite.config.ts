// Vite + Vitest configuration (kept dependency-free in this skeleton; the real file imports defineConfig).
export default {
  plugins: [],
  resolve: { alias: { '@': '/src' } },
  test: { environment: 'jsdom', setupFiles: ['./src/test/setup.ts'] },
};
