package dev.kvstore.coordinator.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The class path to give replica JVMs. Stateless; safe from any thread. */
public final class Classpath {

    /** System property that, when set and not blank, is used as the replicas' class path as is. */
    public static final String OVERRIDE_PROPERTY = "kvstore.replica.classpath";

    private Classpath() {}

    /**
     * The system property {@value #OVERRIDE_PROPERTY} if set; otherwise the file URLs of the
     * {@link URLClassLoader}s that loaded this class, innermost first (under {@code mvn exec:java},
     * {@code java.class.path} is Maven's own launcher, not the project); otherwise, when the
     * application class loader loaded it, {@code java.class.path}.
     */
    public static String forReplicas() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) return override.trim();
        String fromLoaders = ofLoaders(Classpath.class.getClassLoader());
        return fromLoaders.isEmpty() ? System.getProperty("java.class.path", "") : fromLoaders;
    }

    /** The file entries of every {@link URLClassLoader} from {@code loader} up through its parents. */
    static String ofLoaders(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = loader; cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) entries.add(toPath(url));
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.getPath(); // not a well-formed URI (unescaped spaces); the raw path is the best guess
        }
    }
}
