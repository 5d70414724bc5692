package vn.provpulse.contract;

import java.util.List;

/** Column names as the Scala sequence that Dataset.join takes. */
public final class JoinKeys {
    private JoinKeys() {}

    public static scala.collection.immutable.Seq<String> of(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
    }
}
