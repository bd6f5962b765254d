package dev.kvstore.client.shell;

import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.AbortedException;
import dev.kvstore.client.ClientConfig;
import dev.kvstore.client.ClientException;
import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.ReplicaUnavailableException;
import dev.kvstore.client.RequestRejectedException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs commands against the replica a shell, a one-shot command or a script client is connected
 * to, and turns every outcome, failures included, into a {@link Result}. {@code connect} swaps the
 * underlying {@link KVStoreClient}. Not thread-safe: one thread uses a session at a time.
 */
public final class Session implements AutoCloseable {
    private final Function<ClientConfig, KVStoreClient> clients;
    private KVStoreClient client;

    public Session(ClientConfig config, Function<ClientConfig, KVStoreClient> clients) {
        this.clients = clients;
        this.client = clients.apply(config);
    }

    /** The replica the next command goes to first. */
    public ReplicaId replica() {
        return client.replica();
    }

    /** Looks the current replica up now: Connected, or why it cannot be reached. */
    public Result connectNow() {
        try {
            return new Result.Connected(client.connect());
        } catch (ReplicaUnavailableException e) {
            return failure(e);
        }
    }

    public Result execute(Command command) {
        try {
            if (command instanceof Command.Get get) {
                return client.get(get.key()).<Result>map(Result.Value::new).orElseGet(Result.NotFound::new);
            }
            if (command instanceof Command.Put put) {
                client.put(put.key(), put.value());
                return new Result.Ok();
            }
            if (command instanceof Command.Delete delete) {
                return client.delete(delete.key()) ? new Result.Ok() : new Result.NotFound();
            }
            if (command instanceof Command.Status status) {
                return status(status.member());
            }
            if (command instanceof Command.Connect connect) {
                return connect(connect.target());
            }
            if (command instanceof Command.Help) return new Result.Help();
            if (command instanceof Command.Quit) return new Result.Quit();
            throw new IllegalStateException("no way to run " + command);
        } catch (ClientException e) {
            return failure(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private Result status(Optional<Target> member) throws ClientException {
        ReplicaStatus status = client.status();
        if (member.isEmpty()) return new Result.StatusReport(status);
        Target target = member.get();
        // An exact host match first: 'localhost:3333' and '127.0.0.1:3333' may both be listed.
        Optional<MemberStatus> found = status.members().stream()
                .filter(m -> target.matches(m.replica()))
                .min(Comparator.comparing(m -> target.host().map(h -> !h.equals(m.replica().host())).orElse(false)));
        return found.<Result>map(Result.MemberReport::new)
                .orElseGet(() -> new Result.Failure(ErrorKind.INVALID,
                        target + " is not in the view of replica " + status.replica()));
    }

    private Result connect(Target target) {
        ReplicaId replica = target.resolve(client.replica());
        KVStoreClient next = clients.apply(client.config().withPrimary(replica));
        try {
            next.connect();
        } catch (ReplicaUnavailableException e) {
            next.close();
            return new Result.Failure(ErrorKind.UNAVAILABLE, e.getMessage() + "; still connected to " + client.replica());
        }
        client.close();
        client = next;
        return new Result.Connected(replica);
    }

    /** The result that reports {@code e}: its kind from its type, its message as is. */
    public static Result.Failure failure(ClientException e) {
        ErrorKind kind;
        if (e instanceof AbortedException) kind = ErrorKind.ABORTED;
        else if (e instanceof ReplicaUnavailableException) kind = ErrorKind.UNAVAILABLE;
        else if (e instanceof RequestRejectedException) kind = ErrorKind.INVALID;
        else throw new IllegalStateException("unknown client error " + e.getClass().getName(), e);
        return new Result.Failure(kind, e.getMessage());
    }
}
