import '@testing-library/jest-dom';

// Component tests render whole pages in jsdom and drive them with user-event:
// on a busy 2-core CI machine one of them can take longer than Jest's default
// 5 s without anything being wrong. A component that hangs still fails here.
jest.setTimeout(30_000);
