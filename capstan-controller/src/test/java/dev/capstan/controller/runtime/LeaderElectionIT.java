package dev.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

import dev.capstan.testkit.TestNamespace;
import dev.capstan.testkit.WithControlPlane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithControlPlane
class LeaderElectionIT {

    /** A lease far longer than a release-driven hand-over, so a quick hand-over proves the release. */
    private static final LeaderElection.Options SHORT = new LeaderElection.Options(
            Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofMillis(500));

    private KubernetesClient client;
    private String namespace;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<LeaderElection> elections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect(KubernetesClient client, TestNamespace testNamespace) {
        this.client = client;
        this.namespace = testNamespace.name();
    }

    @AfterEach
    void closeElections() {
        elections.forEach(LeaderElection::close);
    }

    @Test
    void one_of_two_candidates_leads_and_the_other_takes_over_at_once_when_it_closes() {
        var alpha = candidate("hand-over", "alpha");
        var beta = candidate("hand-over", "beta");

        await().atMost(Duration.ofSeconds(30)).until(() -> alpha.isLeader() || beta.isLeader());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> alpha.isLeader() != beta.isLeader());
        var leader = alpha.isLeader() ? alpha : beta;
        var follower = leader == alpha ? beta : alpha;
        String leaderName = leader == alpha ? "alpha" : "beta";
        String followerName = leader == alpha ? "beta" : "alpha";
        assertThat(holder("hand-over")).isEqualTo(leaderName);
        awaitEvents(leaderName + " started");

        leader.close();

        assertThat(leader.isLeader()).isFalse();
        assertThat(events).containsExactly(leaderName + " started", leaderName + " stopped");
        await().atMost(Duration.ofSeconds(4)).until(follower::isLeader);
        assertThat(holder("hand-over")).isEqualTo(followerName);
        awaitEvents(leaderName + " started", leaderName + " stopped", followerName + " started");
    }

    @Test
    void a_leader_whose_lease_is_taken_stops_leading_and_leads_again_when_the_lease_expires() {
        var alpha = candidate("taken", "alpha");
        await().atMost(Duration.ofSeconds(30)).until(alpha::isLeader);

        client.leases().inNamespace(namespace).withName("taken").edit(lease -> {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            lease.getSpec().setHolderIdentity("intruder");
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            lease.getSpec().setLeaseDurationSeconds(2);
            return lease;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !alpha.isLeader());
        awaitEvents("alpha started", "alpha stopped");
        await().atMost(Duration.ofSeconds(10)).until(alpha::isLeader);
        assertThat(holder("taken")).isEqualTo("alpha");
        awaitEvents("alpha started", "alpha stopped", "alpha started");
    }

    private LeaderElection candidate(String lease, String identity) {
        var election = LeaderElection.start(client, namespace, lease, identity, SHORT,
                () -> events.add(identity + " started"), () -> events.add(identity + " stopped"));
        elections.add(election);
        return election;
    }

    /** The callbacks run on their own thread, a moment after {@code isLeader} changes. */
    private void awaitEvents(String... expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events).containsExactly(expected));
    }

    private String holder(String leaseName) {
        Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
        return lease.getSpec().getHolderIdentity();
    }
}
