package dev.kvstore.rmi;

import java.io.ObjectInputFilter;

/**
 * The deserialization allow-list: the API's own types and exactly the JDK types they carry.
 * Everything else, and anything over the size, depth or reference limits, is rejected before it
 * is instantiated.
 */
public final class SerialFilters {
    /** Default cap on the bytes of one call's arguments: a 1 KiB key plus a 1 MiB value, UTF-16 on the wire, with room. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private static final String ALLOWED = String.join(";",
            "dev.kvstore.api.**",
            "java.lang.String",
            "java.lang.Enum",
            "java.lang.Number",
            "java.lang.Long",
            "java.lang.Integer",
            "java.lang.Boolean",
            // List.copyOf and Set.copyOf: the immutable collections, their serial proxy and its Object[]
            "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN",
            "java.util.CollSer",
            "java.lang.Object",
            "!*");

    private SerialFilters() {}

    /** The filter for arguments of an exported KVStore object. */
    public static ObjectInputFilter forExportedObjects(long maxBytes) {
        return ObjectInputFilter.Config.createFilter(limits(maxBytes) + ";" + ALLOWED);
    }

    /** The pattern for {@code sun.rmi.registry.registryFilter}: remote lookups carry only strings. */
    public static String registryPattern(long maxBytes) {
        return limits(maxBytes)
                + ";java.lang.String;java.rmi.server.ObjID;java.rmi.server.UID;java.rmi.server.RemoteStub;"
                + "java.lang.reflect.Proxy;java.rmi.server.RemoteObject;java.rmi.server.RemoteObjectInvocationHandler;"
                + "java.rmi.Remote;java.lang.Number;java.lang.Enum;!*";
    }

    private static String limits(long maxBytes) {
        return "maxdepth=10;maxrefs=10000;maxarray=100000;maxbytes=" + maxBytes;
    }
}
