/**
 * The embedded Metal3 lab: a Kubernetes-API-compatible server, simulated
 * Metal3/Cluster API controllers and BMC emulators.
 *
 * @packageDocumentation
 */

export {};
