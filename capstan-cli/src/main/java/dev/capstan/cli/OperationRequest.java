package dev.capstan.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Function;

import dev.capstan.api.OperationRequests;
import dev.capstan.api.v1alpha1.Application;
import dev.capstan.api.v1alpha1.Operation;
import dev.capstan.api.v1alpha1.OperationState;

/**
 * Asking the controller to sync: the request is written into the Application's top-level
 * {@code operation} (the controller clears it when it starts and reports in
 * {@code status.operationState}), refused while another operation is requested or running.
 * Waiting for it and printing its result are here too, shared by {@code app sync} and
 * {@code app rollback}.
 */
final class OperationRequest {

    private OperationRequest() {
    }

    /**
     * Writes the sync that {@code sync} builds from the current Application (or refuses with a
     * {@link UserError}); gives the operation state the Application had before.
     */
    static OperationState request(ResourceStore<Application> applications, String name,
                                  Function<Application, Operation.SyncOperation> sync) {
        Application written = applications.change(name, application -> {
            refuseIfBusy(applications, application);
            application.setOperation(OperationRequests.of(sync.apply(application), System.getProperty("user.name")));
            return application;
        });
        return written.getStatus() == null ? null : written.getStatus().getOperationState();
    }

    private static void refuseIfBusy(ResourceStore<Application> applications, Application application) {
        String name = application.getMetadata().getName();
        var key = applications.key(name);
        String waitHint = "; wait for it: capstan app wait " + name + " --operation";
        OperationRequests.busy(application).ifPresent(busy -> {
            throw new UserError(switch (busy) {
                case DELETING -> key + " is being deleted";
                case REQUESTED -> key + ": an operation is already requested"
                        + OperationStateOutput.initiatedBy(application.getOperation().getInitiatedBy()) + " and not started yet" + waitHint;
                case RUNNING -> key + ": an operation is running: "
                        + OperationStateOutput.summary(application.getStatus().getOperationState()) + waitHint;
            });
        });
    }

    /**
     * Waits for the operation requested after {@code before} to finish, prints its result, and
     * gives the exit code: 0 when it succeeded, 1 otherwise.
     */
    static int awaitAndPrint(ResourceStore<Application> applications, String name, OperationState before,
                             Duration timeout, PrintWriter out) {
        var awaited = applications.await(name, application -> ApplicationWait.requestFinished(application, before), timeout);
        return print(applications.key(name).toString(), awaited, timeout, out);
    }

    /** The same, through Capstan's HTTP API. */
    static int awaitAndPrint(ApiClient api, String name, OperationState before, Duration timeout, PrintWriter out) {
        var awaited = api.await(name, application -> ApplicationWait.requestFinished(application, before), timeout);
        return print("application " + name, awaited, timeout, out);
    }

    /** Prints the result of an awaited operation and gives the exit code: 0 when it succeeded, 1 otherwise. */
    private static int print(String described, ResourceStore.Awaited<Application> awaited, Duration timeout, PrintWriter out) {
        if (awaited.object() == null) {
            throw new UserError(described + " was deleted while its operation was waited for");
        }
        if (!awaited.done()) {
            var unmet = new ApplicationWait(false, false, true).unmet(awaited.object());
            throw new UserError("timed out after " + ApplicationWait.describe(timeout) + " waiting for the operation of "
                    + described + ": " + (unmet.isEmpty() ? "the controller has not reported its result" : String.join("; ", unmet)));
        }
        OperationState state = awaited.object().getStatus().getOperationState();
        out.println(OperationStateOutput.summary(state));
        OperationStateOutput.tasks(state).ifPresent(tasks -> {
            out.println();
            out.print(tasks.render());
        });
        out.flush();
        return OperationStateOutput.SUCCEEDED.equals(state.getPhase()) ? 0 : 1;
    }
}
