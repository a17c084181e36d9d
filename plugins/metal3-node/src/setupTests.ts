// A backend test starts a whole test backend (plugins, database, HTTP
// server) and often a lab: on a busy 2-core CI machine that alone can take
// longer than Jest's default 5 s without anything being wrong. A test that
// hangs still fails; files with longer work set their own limit.
jest.setTimeout(30_000);
