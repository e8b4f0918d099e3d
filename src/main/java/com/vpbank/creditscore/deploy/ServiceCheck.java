package com.vpbank.creditscore.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Calls each of the given URLs and succeeds when every one answers 2xx. The image has a JRE
 * and no curl, so the chart's {@code helm test} pod and the image check run this, from the
 * service's own jar:
 *
 * <pre>java -cp /app/credit-score.jar com.vpbank.creditscore.deploy.ServiceCheck URL...</pre>
 *
 * Exit status 0 when every URL answered 2xx, 1 when one did not (each line says which and
 * why), 2 when no URL is given.
 */
public final class ServiceCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int BODY_SHOWN = 300;

    private ServiceCheck() {
    }

    public static void main(String[] args) {
        System.exit(check(Arrays.stream(args).map(URI::create).toList(), System.out));
    }

    static int check(List<URI> urls, PrintStream out) {
        if (urls.isEmpty()) {
            out.println("usage: ServiceCheck URL...");
            return 2;
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        boolean allAnswered = true;
        for (URI url : urls) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                boolean ok = response.statusCode() / 100 == 2;
                allAnswered &= ok;
                out.println((ok ? "ok   " : "FAIL ") + url + " " + response.statusCode() + " " + shortened(response.body()));
            } catch (IOException e) {
                allAnswered = false;
                out.println("FAIL " + url + " " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.println("FAIL " + url + " interrupted");
                return 1;
            }
        }
        return allAnswered ? 0 : 1;
    }

    private static String shortened(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= BODY_SHOWN ? line : line.substring(0, BODY_SHOWN) + "…";
    }
}
