package com.vpbank.creditscore.risk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of one model folder of a bundle, each with the SHA-256 of its content. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Every regular file directly in the folder, by name, to its SHA-256 (hex); empty when there is no folder. */
    public static Map<String, String> sha256(Path modelFolder) {
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : files(modelFolder)) {
            hashes.put(file.getFileName().toString(), sha256Of(file));
        }
        return hashes;
    }

    /** Every regular file directly in the folder, by name; empty when there is no folder. */
    public static List<Path> files(Path modelFolder) {
        if (!Files.isDirectory(modelFolder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(modelFolder)) {
            return children.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256Of(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
