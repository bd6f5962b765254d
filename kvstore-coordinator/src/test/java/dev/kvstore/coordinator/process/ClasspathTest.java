package dev.kvstore.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathTest {

    @TempDir Path tmp;

    @AfterEach
    void clearOverride() {
        System.clearProperty(Classpath.OVERRIDE_PROPERTY);
    }

    @Test
    void theSystemPropertyOverridesEverythingElse() {
        System.setProperty(Classpath.OVERRIDE_PROPERTY, "/opt/kvstore/lib/*");
        assertThat(Classpath.forReplicas()).isEqualTo("/opt/kvstore/lib/*");
    }

    @Test
    void aBlankOverrideIsIgnored() {
        System.setProperty(Classpath.OVERRIDE_PROPERTY, "  ");
        assertThat(Classpath.forReplicas()).isEqualTo(System.getProperty("java.class.path"));
    }

    @Test
    void fallsBackToJavaClassPathUnderTheApplicationClassLoader() {
        assertThat(Classpath.class.getClassLoader()).isSameAs(ClassLoader.getSystemClassLoader());
        assertThat(Classpath.ofLoaders(ClassLoader.getSystemClassLoader())).isEmpty();
        assertThat(Classpath.forReplicas()).isEqualTo(System.getProperty("java.class.path"));
    }

    @Test
    void collectsTheFilesOfNestedUrlClassLoadersInnermostFirst() throws Exception {
        Path outer = Files.createDirectory(tmp.resolve("outer"));
        Path inner = Files.createDirectory(tmp.resolve("inner dir with spaces"));
        Path jar = tmp.resolve("lib.jar");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {outer.toUri().toURL()}, null);
             URLClassLoader child = new URLClassLoader(
                     new URL[] {inner.toUri().toURL(), jar.toUri().toURL(), outer.toUri().toURL()}, parent)) {
            assertThat(Classpath.ofLoaders(child)).isEqualTo(String.join(File.pathSeparator,
                    inner.toString(), jar.toString(), outer.toString()));
        }
    }

    @Test
    void underAnIsolatedUrlClassLoaderAsMvnExecJavaUsesItReturnsThatLoadersFiles() throws Exception {
        // exec:java runs the project in a URLClassLoader whose URLs are the project's class path.
        URL mainClasses = Classpath.class.getProtectionDomain().getCodeSource().getLocation();
        URL extra = tmp.toUri().toURL();
        try (URLClassLoader project = new URLClassLoader(new URL[] {mainClasses, extra},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = project.loadClass(Classpath.class.getName());
            assertThat(isolated.getClassLoader()).isSameAs(project);

            String classpath = (String) isolated.getMethod("forReplicas").invoke(null);

            assertThat(classpath).isEqualTo(Path.of(mainClasses.toURI()) + File.pathSeparator + tmp);
        }
    }
}
