/**
 * The GitOps controller: reconciles Applications against Git and the cluster.
 */
package dev.capstan.controller;
