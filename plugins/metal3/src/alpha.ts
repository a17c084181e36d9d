/**
 * The Metal3 plugin for Backstage's new frontend system, where apps
 * conventionally take a plugin from its `./alpha` entry (`app.packages: all`
 * discovers the default export of both `.` and `./alpha`; the app drops the
 * duplicate, which is the same plugin object).
 *
 * @packageDocumentation
 */

export { metal3Plugin as default } from './plugin';
// Built on the scaffolder's alpha form-field blueprint: an alpha API.
export { metal3ScaffolderModule } from './scaffolder';
