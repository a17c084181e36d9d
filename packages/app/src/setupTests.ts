import '@testing-library/jest-dom';

// The app renders whole pages in jsdom: on a busy 2-core CI machine one can
// take longer than Jest's default 5 s. A page that hangs still fails.
jest.setTimeout(30_000);
