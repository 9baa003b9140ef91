/**
 * The controller runtime: the small machinery every controller loop needs and that has nothing
 * to do with Applications. {@link dev.capstan.controller.runtime.WorkQueue} hands reconcile keys
 * to a bounded set of workers, one run per key at a time, with delayed adds and per-key back-off;
 * {@link dev.capstan.controller.runtime.LeaderElection} makes one replica of the controller the
 * one that acts, over a {@code coordination.k8s.io} Lease.
 */
package dev.capstan.controller.runtime;
