export * from './approvalKinds';
