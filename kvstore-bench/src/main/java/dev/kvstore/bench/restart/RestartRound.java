package dev.kvstore.bench.restart;

/**
 * One measured restart of one replica.
 *
 * @param killToProcessMillis from the SIGKILL until the coordinator's supervisor had a new replica process running
 * @param processToUpMillis from the new process until it reported UP: the restart time the goal is about
 * @param log the phases the restarted replica logged
 */
public record RestartRound(int round, int port, long killToProcessMillis, long processToUpMillis, ReplicaLogTimings log) {
    public long killToUpMillis() {
        return killToProcessMillis + processToUpMillis;
    }
}
