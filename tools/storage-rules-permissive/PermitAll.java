// OFFLINE MODE ONLY: a stand-in for the Storage emulator's rules runtime that PERMITS EVERY REQUEST.
// firebase-tools cannot download its rules runtime JAR without internet; this lets the real Storage
// emulator start so upload -> trigger -> import runs end to end. storage.rules are NOT enforced.
// Protocol (firebase-tools lib/emulator/storage/rules/runtime.js): one JSON object per line on stdin,
// one reply per line on stdout carrying the request's id.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PermitAll {
  private static final Pattern ID = Pattern.compile("\"id\":(-?\\d+)\\}\\s*$");

  public static void main(String[] args) throws Exception {
    System.out.println("{\"id\":-1,\"status\":\"ok\",\"result\":{\"mode\":\"offline-permit-all\"}}");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      Matcher m = ID.matcher(line);
      if (!m.find()) continue;
      String result = line.contains("\"action\":\"load_ruleset\"") ? "{\"rulesVersion\":2}" : "{\"permit\":true}";
      System.out.println("{\"id\":" + m.group(1) + ",\"status\":\"ok\",\"result\":" + result + ",\"errors\":[],\"warnings\":[]}");
      System.out.flush();
    }
  }
}
