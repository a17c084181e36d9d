import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';

/**
 * What kube-apiserver's API Priority and Fairness filter answers a request
 * it rejects (apiserver/pkg/server/filters/priority-and-fairness.go, which
 * calls tooManyRequests of maxinflight.go): 429 with `Retry-After: 1` and
 * Go's http.Error body, plain text, not a Status object. client-go turns it
 * into a StatusError itself (reason TooManyRequests, retryAfterSeconds from
 * the header); a client that expects JSON here is wrong against a real
 * cluster too. The flow schema and priority level headers carry UIDs, as
 * APF sends them so that their names stay private.
 */
export function priorityAndFairnessRejection(): (res: ServerResponse) => void {
  const flowSchemaUid = randomUUID();
  const priorityLevelUid = randomUUID();
  return res => {
    res.writeHead(429, {
      'Retry-After': '1',
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'X-Kubernetes-PF-FlowSchema-UID': flowSchemaUid,
      'X-Kubernetes-PF-PriorityLevel-UID': priorityLevelUid,
    });
    res.end('Too many requests, please try again later.\n');
  };
}
