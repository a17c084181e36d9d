export { ApprovalsPage } from './ApprovalsPage';
export { PendingApprovals, ApprovalsLink } from './PendingApprovals';
