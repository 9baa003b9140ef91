package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.capstan.api.v1alpha1.OperationState;

class FrozenJsonTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String STATE = """
            {"phase":"Succeeded","syncResult":{"revision":"abc","state":{"phase":"SUCCEEDED","tasks":[
             {"action":"CREATE","kind":"ConfigMap","name":"settings","wave":-1,"hook":false,"message":null},
             {"action":"CREATE","kind":"ConfigMap","name":"other","wave":0,"hook":true}]}}}""";

    @Test
    void the_sync_result_reads_as_the_same_json_in_the_same_order() {
        OperationState state = JSON.unmarshal(STATE, OperationState.class);

        String written = JSON.asJson(state.getSyncResult());
        assertThat(written).isEqualTo(JSON.asJson(JSON.unmarshal(STATE, Map.class).get("syncResult")));
        assertThat(written.indexOf("\"settings\"")).isLessThan(written.indexOf("\"other\""));
        @SuppressWarnings("unchecked")
        var tasks = (List<Map<String, Object>>) ((Map<String, Object>) state.getSyncResult().get("state")).get("tasks");
        assertThat(tasks).extracting(task -> task.get("wave")).containsExactly(-1, 0);
        assertThat(tasks).extracting(task -> task.get("hook")).containsExactly(false, true);
        assertThat(tasks.getFirst()).containsEntry("message", null).containsKeys("action", "kind", "name");
    }

    @Test
    void repeated_text_is_one_string_and_the_maps_are_read_only() {
        OperationState state = JSON.unmarshal(STATE, OperationState.class);
        @SuppressWarnings("unchecked")
        var tasks = (List<Map<String, Object>>) ((Map<String, Object>) state.getSyncResult().get("state")).get("tasks");

        assertThat(tasks.get(0).get("kind")).isSameAs(tasks.get(1).get("kind"));
        assertThatThrownBy(() -> tasks.getFirst().put("kind", "Secret")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tasks.add(Map.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
