import { OperationDto } from './hostActions';

/** One reading of a host's BMC as the backend keeps it for the history. @public */
export interface HostReadingDto {
  /** When the BMC was read. */
  readAt: string;
  /** What the system draws (`PowerConsumedWatts`, else its power sensors summed). */
  powerWatts?: number;
  /** The hottest temperature sensor, °C. */
  temperatureCelsius?: number;
}

/**
 * `GET /hosts/{cluster}/{namespace}/{name}/history`: the host's last 24 h as
 * the plugin's database remembers it. @public
 */
export interface HostHistoryResponse {
  /** Start of the window (now minus 24 h). */
  since: string;
  /** False when sampling is off (`metal3.bmc.telemetry.history.enabled`). */
  sampling: boolean;
  /** `metal3.bmc.telemetry.history.sampleIntervalSeconds`: a longer gap between readings is a missed reading. */
  sampleIntervalSeconds: number;
  /** Power and temperature readings, oldest first. */
  readings: HostReadingDto[];
  /** Long operations on the host started in the window, newest first. */
  operations: OperationDto[];
}
