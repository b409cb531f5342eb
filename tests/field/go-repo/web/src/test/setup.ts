// Vitest setup: jest-dom matchers are registered here.
export {};
