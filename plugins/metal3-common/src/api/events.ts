/** One Kubernetes event as the API serves it. @public */
export interface EventDto {
  /** `Normal` or `Warning`. */
  type: string;
  reason: string;
  /** BMC addresses in it come without userinfo. */
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** The component that reported it. */
  source?: string;
  /** `Kind/name` of the object the event is about. */
  object: string;
}

/**
 * `GET /hosts/{cluster}/{namespace}/{name}/events` and
 * `GET /pools/{cluster}/{namespace}/{name}/events`: newest first.
 *
 * @public
 */
export interface EventListResponse {
  items: EventDto[];
}
