package updown.repository;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryRepository keeps the Repository contract")
class InMemoryRepositoryTest extends RepositoryContractTest {

    @Override
    protected Future<Repository> openFresh(Vertx vertx) {
        InMemoryRepository fresh = new InMemoryRepository();
        return fresh.init().map(v -> fresh);
    }

    @Override
    protected Future<Repository> reopen(Repository current) {
        InMemoryRepository again = ((InMemoryRepository) current).reopened();
        return current.close().compose(v -> again.init()).map(v -> again);
    }

    @Override
    protected Future<Repository> openUninitialised(Vertx vertx) {
        return Future.succeededFuture(new InMemoryRepository());
    }
}
