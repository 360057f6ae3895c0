// A Cloud Storage security rules runtime for the Firebase Storage emulator (firebase-tools), built on
// the rules compiler and evaluator shipped inside the Cloud Firestore emulator JAR of the Google Cloud
// CLI. firebase-tools starts it as `java -jar <this jar> serve` (STORAGE_EMULATOR_BINARY_PATH) and
// speaks line-delimited JSON with it (firebase-tools lib/emulator/storage/rules/runtime.js):
//
//   runtime -> {"id":-1,"status":"ok",...}                                   once, when ready
//   tools   -> {"action":"load_ruleset","id":N,"context":{"rulesetName","source":{"files":[{name,content}]}}}
//   runtime -> {"id":N,"status":"ok","result":{"rulesVersion":1|2},"errors":[],"warnings":[]}
//              (compile errors: no result; each issue is a JSON string, see issue() below)
//   tools   -> {"action":"verify","id":N,"context":{"rulesetName","service","path","method",
//               "delimiter","variables":{"request":<ExpressionValue>,"resource":<ExpressionValue>}}}
//   runtime -> {"id":N,"status":"ok","result":{"permit":true|false},"errors":[],"warnings":[]}
//
// firestore.get()/firestore.exists() are answered by firebase-tools, one document at a time per verify:
//   runtime -> {"action":"fetch_firestore_document","server_request_id":N,
//               "context":{"path":"/databases/(default)/documents/..."},"status":"ok","errors":[],"warnings":[]}
//   tools   -> {"id":N,"status":"ok"|"not_found","result":{"name","fields"},"errors":[],"warnings":[]}
//   ... and the runtime finally answers the verify N.
//
// firebase-tools parses every stdout 'data' chunk as ONE JSON message and drops messages whose status is
// not "ok" unless they carry an "action": so every message here has status "ok", goes out as one line
// with one flush, and consecutive lines are spaced out a little (see Writer).
package io.regulars.rules;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import com.google.firebase.rules.lang.CompileResult;
import com.google.firebase.rules.lang.FirebaseRulesProtoCompiler;
import com.google.firebase.rules.lang.common.FirebaseRulesLangOptions;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageCreateContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageDeleteContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageGetContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageListContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageService;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageUpdateContextConverter;
import com.google.firebase.rules.runtime.common.EvaluationException;
import com.google.firebase.rules.runtime.common.EvaluationResult;
import com.google.firebase.rules.runtime.evaluators.AuthRuleEvaluator.RuleContext;
import com.google.firebase.rules.runtime.impl.DefaultEvaluator;
import com.google.firebase.rules.runtime.utils.ExpressionValueUtils;
import com.google.firebase.rules.runtime.v1.ExpressionListValue;
import com.google.firebase.rules.runtime.v1.ExpressionMapValue;
import com.google.firebase.rules.runtime.v1.ExpressionPathValue;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.firebase.rules.runtime.v1.RulesetAst;
import com.google.firebase.rules.v1.File;
import com.google.firebase.rules.v1.Issue;
import com.google.firebase.rules.v1.Source;
import com.google.firebase.rules.v1.SourcePosition;
import com.google.firestore.v1.Document;
import com.google.firestore.v1.Value;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.NullValue;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

public final class StorageRulesRuntime {
  /** firebase-tools sends this service name; the storage converters evaluate against it too. */
  private static final String SERVICE = "firebase.storage";

  /**
   * Compiler warnings that name something the rules can never resolve (a misspelt function or
   * variable, a wrong argument count). The compiler reports them as warnings and firebase-tools
   * never shows warnings of a ruleset that loads, so such a typo would silently deny at run time;
   * this runtime reports them as load errors instead, with file, line and column.
   */
  private static final List<String> FATAL_WARNINGS =
      List.of(
          "Invalid function name",
          "Invalid variable name",
          "Incorrect number of arguments",
          // Type errors the compiler's type checker proves from literals, function results and
          // operators (e.g. `1 + 'a'`, `!'x'`, `'abc'.matches(3)`, an `allow` on an int), and a
          // comparison of values that can never be equal (`1 == 'a'`, always false).
          "Invalid type",
          "The sub-expressions are not comparable");

  /** The compiler the rules are loaded with, as the Cloud Firestore emulator configures its own. */
  private final FirebaseRulesProtoCompiler compiler = compiler(FirebaseRulesLangOptions.TypeCheckAlgorithm.BASIC);

  /**
   * The engine's ADVANCED type check also resolves operators and user functions by argument type
   * (`1 + 'a'`, `f('s')` where f adds 1). It is used for diagnostics only, never for the loaded
   * AST; it needs com.google.common.labs.base.Optionals, which the JAR lacks and this runtime
   * supplies (see that file). Should it fail all the same, the BASIC diagnostics stand.
   */
  private final FirebaseRulesProtoCompiler typeChecker = compiler(FirebaseRulesLangOptions.TypeCheckAlgorithm.ADVANCED);

  private static FirebaseRulesProtoCompiler compiler(FirebaseRulesLangOptions.TypeCheckAlgorithm typeCheck) {
    return FirebaseRulesProtoCompiler.createStandalone(
        FirebaseRulesLangOptions.builder()
            .allowTernaryOperator(true)
            .allowCrossServiceRules(true) // declares firestore.get / firestore.exists
            .typeCheck(typeCheck)
            .build());
  }
  private final JsonFormat.Parser protoJson = JsonFormat.parser().ignoringUnknownFields();
  private final Map<String, RulesetAst> rulesets = new ConcurrentHashMap<>();
  /** Verifies under evaluation, by request id (the id firebase-tools also uses for data replies). */
  private final Map<Long, Evaluation> evaluations = new ConcurrentHashMap<>();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "rules-eval");
            t.setDaemon(true);
            return t;
          });
  private final Writer writer;

  private StorageRulesRuntime(PrintStream stdout) {
    this.writer = new Writer(stdout);
  }

  public static void main(String[] args) throws Exception {
    // stdout carries the protocol only: keep the real stream, send stray prints to stderr, and keep
    // the libraries' own logging (java.util.logging) quiet, since firebase-tools shows stderr as WARN.
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    Logger.getLogger("").setLevel(Level.SEVERE);
    if (args.length == 1 && args[0].equals("serve")) {
      new StorageRulesRuntime(stdout).serve();
    } else if (args.length >= 2 && args[0].equals("check")) {
      System.exit(new StorageRulesRuntime(stdout).check(Arrays.asList(args).subList(1, args.length)));
    } else {
      System.err.println("usage: java -jar storage-rules-runtime.jar serve");
      System.err.println("       java -jar storage-rules-runtime.jar check <storage.rules>...");
      System.exit(2);
    }
  }

  /**
   * `check`: compiles rules files as `serve` would load them and prints each issue as
   * "file:line:column: error|warning: message" on stderr; exit status 1 when the ruleset would not
   * load. (firebase-tools only logs a ruleset that fails to load and keeps the emulator running,
   * denying every request; a harness can run this first to fail fast instead.)
   */
  private int check(List<String> paths) {
    Source.Builder source = Source.newBuilder();
    for (String path : paths) {
      String content;
      try {
        content = java.nio.file.Files.readString(java.nio.file.Path.of(path), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        System.err.println(path + ": cannot read: " + e);
        return 2;
      }
      source.addFiles(File.newBuilder().setName(path).setContent(content));
    }
    Compiled compiled = compile(source.build());
    for (Issue issue : compiled.errors()) System.err.println(text(issue, "error"));
    for (Issue issue : compiled.warnings()) System.err.println(text(issue, "warning"));
    return compiled.ast() == null ? 1 : 0;
  }

  private static String text(Issue issue, String severity) {
    SourcePosition at = issue.getSourcePosition();
    return at.getFileName() + ":" + at.getLine() + ":" + at.getColumn() + ": " + severity + ": " + issue.getDescription();
  }

  private void serve() throws Exception {
    writer.start();
    JsonObject ready = ok(-1);
    ready.add("result", new JsonObject());
    writer.send(ready);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) continue;
      try {
        handle(JsonParser.parseString(line).getAsJsonObject());
      } catch (RuntimeException e) {
        System.err.println("storage rules runtime: cannot handle message: " + e);
      }
    }
    writer.drain();
    System.exit(0); // stdin closed: firebase-tools is gone
  }

  /** Runs on the reader thread: anything that may wait is handed to the workers. */
  private void handle(JsonObject msg) {
    long id = msg.has("id") ? msg.get("id").getAsLong() : Long.MIN_VALUE;
    String action = msg.has("action") && !msg.get("action").isJsonNull() ? msg.get("action").getAsString() : null;
    JsonObject context = msg.has("context") && msg.get("context").isJsonObject() ? msg.getAsJsonObject("context") : new JsonObject();
    if (action == null) {
      Evaluation evaluation = evaluations.get(id); // the answer to a fetch_firestore_document
      if (evaluation != null) evaluation.onDocument(msg);
      else System.err.println("storage rules runtime: unexpected message for id " + id);
    } else if (action.equals("load_ruleset")) {
      try {
        writer.send(loadRuleset(id, context)); // synchronous: verifies that follow must see the ruleset
      } catch (RuntimeException e) { // every request gets a reply, or firebase-tools waits forever
        writer.send(failure(id, "Cannot load ruleset: " + e));
      }
    } else if (action.equals("verify")) {
      Evaluation evaluation = new Evaluation(id, context);
      evaluations.put(id, evaluation);
      workers.execute(evaluation::start);
    } else {
      writer.send(failure(id, "Unknown action: " + action));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // load_ruleset

  private JsonObject loadRuleset(long id, JsonObject context) {
    Source.Builder source = Source.newBuilder();
    for (JsonElement f : context.getAsJsonObject("source").getAsJsonArray("files")) {
      JsonObject file = f.getAsJsonObject();
      source.addFiles(File.newBuilder().setName(string(file, "name")).setContent(string(file, "content")));
    }
    Compiled compiled = compile(source.build());
    JsonObject reply = ok(id);
    compiled.errors().forEach(issue -> reply.getAsJsonArray("errors").add(issue(issue, true)));
    compiled.warnings().forEach(issue -> reply.getAsJsonArray("warnings").add(issue(issue, false)));
    if (compiled.ast() != null) {
      rulesets.put(string(context, "rulesetName"), compiled.ast());
      JsonObject result = new JsonObject();
      result.addProperty("rulesVersion", compiled.ast().getVersion() == RulesetAst.Version.VERSION_2 ? 2 : 1);
      reply.add("result", result);
    }
    return reply;
  }

  /** A compiled ruleset: `ast` is null when there are errors. */
  private record Compiled(RulesetAst ast, List<Issue> errors, List<Issue> warnings) {}

  private Compiled compile(Source source) {
    CompileResult compiled = compiler.compile(source);
    List<Issue> issues = new ArrayList<>(compiled.getIssues());
    if (!compiled.hasCompilationError()) {
      try {
        for (Issue issue : typeChecker.compile(source).getIssues()) {
          if (issues.stream().noneMatch(known -> sameIssue(known, issue))) issues.add(issue);
        }
      } catch (RuntimeException | LinkageError e) {
        System.err.println("storage rules runtime: the advanced type check failed, basic checks only: " + e);
      }
    }
    issues.sort(
        java.util.Comparator.comparing((Issue i) -> i.getSourcePosition().getFileName())
            .thenComparingInt(i -> i.getSourcePosition().getLine())
            .thenComparingInt(i -> i.getSourcePosition().getColumn()));
    List<Issue> errors = new ArrayList<>();
    List<Issue> warnings = new ArrayList<>();
    for (Issue issue : issues) {
      boolean fatal =
          issue.getSeverity() == Issue.Severity.ERROR
              || FATAL_WARNINGS.stream().anyMatch(issue.getDescription()::startsWith);
      (fatal ? errors : warnings).add(issue);
    }
    if (compiled.hasCompilationError() && errors.isEmpty()) {
      errors.add(Issue.newBuilder().setDescription("Rules compilation failed.").setSeverity(Issue.Severity.ERROR).build());
    }
    return new Compiled(errors.isEmpty() ? compiled.getRulesetAst() : null, errors, warnings);
  }

  private static boolean sameIssue(Issue a, Issue b) {
    return a.getDescription().equals(b.getDescription())
        && a.getSourcePosition().getFileName().equals(b.getSourcePosition().getFileName())
        && a.getSourcePosition().getLine() == b.getSourcePosition().getLine()
        && a.getSourcePosition().getColumn() == b.getSourcePosition().getColumn();
  }

  /**
   * One compiler issue, as a JSON string in the shape firebase-tools' storage rules manager parses and
   * prints ("<description> in <fileName>:<line>", manager.js). The column is kept as a field and, so
   * that it shows in that printed line, appended to the description.
   */
  private static String issue(Issue issue, boolean fatal) {
    SourcePosition at = issue.getSourcePosition();
    String description = issue.getDescription().replaceAll("\\.$", "");
    if (at.getLine() > 0) description += " (line " + at.getLine() + ", column " + at.getColumn() + ")";
    JsonObject position = new JsonObject();
    position.addProperty("fileName_", at.getFileName());
    position.addProperty("line_", at.getLine());
    position.addProperty("column_", at.getColumn());
    JsonObject json = new JsonObject();
    json.addProperty("description_", description);
    json.add("sourcePosition_", position);
    json.addProperty("severity_", fatal ? "ERROR" : issue.getSeverity().name());
    return json.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // verify

  /**
   * One verify request. It is the context the library's Firebase Storage converters turn into a rule
   * context (request, resource, firestore.get, firestore.exists, debug), whatever the method.
   */
  private final class Evaluation
      implements FirebaseStorageService.FirebaseStorageGetContext,
          FirebaseStorageService.FirebaseStorageListContext,
          FirebaseStorageService.FirebaseStorageCreateContext,
          FirebaseStorageService.FirebaseStorageUpdateContext,
          FirebaseStorageService.FirebaseStorageDeleteContext {
    private final long id;
    private final JsonObject context;
    private ExpressionPathValue path;
    private ExpressionMapValue request;
    private ExpressionValue resource;

    // Firestore reads: firebase-tools serves one at a time per verify, so they queue up here; each
    // document is fetched once per evaluation. Guarded by `this`.
    private final Map<String, SettableFuture<Optional<Document>>> documents = new HashMap<>();
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private String inFlight;
    private JsonObject finalReply; // held back while a fetch is in flight

    Evaluation(long id, JsonObject context) {
      this.id = id;
      this.context = context;
    }

    void start() {
      try {
        RulesetAst ast = rulesets.get(string(context, "rulesetName"));
        if (ast == null) throw new IllegalStateException("Unknown ruleset: " + string(context, "rulesetName"));
        String service = context.has("service") ? string(context, "service") : SERVICE;
        if (!service.equals(SERVICE)) throw new IllegalStateException("Unsupported service: " + service);
        List<String> segments = new ArrayList<>();
        for (String s : string(context, "path").split("/")) if (!s.isEmpty()) segments.add(s);
        path = ExpressionValueUtils.segmentsToPathExpressions(segments).getPathValue();
        JsonObject variables = context.getAsJsonObject("variables");
        request = expressionValue(variables.get("request")).getMapValue();
        resource = expressionValue(variables.get("resource"));
        String method = string(context, "method");
        RuleContext rules =
            switch (method) {
              case "get" -> FirebaseStorageGetContextConverter.convert(this);
              case "list" -> FirebaseStorageListContextConverter.convert(this); // delimiter: no rules variable
              case "create" -> FirebaseStorageCreateContextConverter.convert(this);
              case "update" -> FirebaseStorageUpdateContextConverter.convert(this);
              case "delete" -> FirebaseStorageDeleteContextConverter.convert(this);
              default -> throw new IllegalStateException("Unsupported method: " + method);
            };
        Futures.addCallback(
            new DefaultEvaluator(ast).evaluate(rules),
            new FutureCallback<EvaluationResult>() {
              @Override
              public void onSuccess(EvaluationResult result) {
                finish(permit(id, result.permit()));
              }

              @Override
              public void onFailure(Throwable t) {
                // The evaluator fails only when no allow granted and one of them raised an error
                // (e.g. "Null value error."): a denial, with the error as a warning firebase-tools logs.
                for (Throwable c = t; c != null; c = c.getCause()) {
                  if (c instanceof EvaluationException) {
                    JsonObject reply = permit(id, false);
                    reply.getAsJsonArray("warnings").add(c.getMessage());
                    finish(reply);
                    return;
                  }
                }
                finish(failure(id, "Rules evaluation failed: " + t));
              }
            },
            workers);
      } catch (Throwable e) { // every request gets a reply, or firebase-tools waits forever
        finish(failure(id, e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }

    private void finish(JsonObject reply) {
      synchronized (this) {
        if (inFlight != null) { // firebase-tools still owes us a document: answer after it
          finalReply = reply;
          return;
        }
        queued.clear();
        finalReply = reply;
      }
      evaluations.remove(id);
      writer.send(reply);
    }

    /** A document for `docPath` ("/databases/(default)/documents/..."), or empty when missing. */
    private synchronized ListenableFuture<Optional<Document>> fetch(String docPath) {
      SettableFuture<Optional<Document>> doc = documents.get(docPath);
      if (doc == null) {
        doc = SettableFuture.create();
        documents.put(docPath, doc);
        queued.add(docPath);
        sendNextFetch();
      }
      return doc;
    }

    private synchronized void sendNextFetch() {
      if (inFlight != null || finalReply != null || queued.isEmpty()) return;
      inFlight = queued.poll();
      JsonObject msg = new JsonObject();
      msg.addProperty("action", "fetch_firestore_document");
      msg.addProperty("server_request_id", id); // no "id": firebase-tools routes on server_request_id
      JsonObject ctx = new JsonObject();
      ctx.addProperty("path", inFlight);
      msg.add("context", ctx);
      msg.addProperty("status", "ok");
      msg.add("errors", new JsonArray());
      msg.add("warnings", new JsonArray());
      writer.send(msg);
    }

    /** Reader thread: firebase-tools' answer to the fetch in flight. */
    void onDocument(JsonObject msg) {
      SettableFuture<Optional<Document>> doc;
      JsonObject heldReply;
      synchronized (this) {
        if (inFlight == null) return;
        doc = documents.get(inFlight);
        inFlight = null;
        heldReply = finalReply;
        if (heldReply == null) sendNextFetch();
      }
      if (heldReply != null) {
        evaluations.remove(id);
        writer.send(heldReply);
        return;
      }
      String status = msg.has("status") ? string(msg, "status") : "";
      workers.execute( // resume the evaluation on a worker, never on the reader thread
          () -> {
            try {
              if (status.equals("ok") && msg.has("result") && msg.get("result").isJsonObject()) {
                Document.Builder document = Document.newBuilder();
                protoJson.merge(msg.get("result").toString(), document);
                doc.set(Optional.of(document.build()));
              } else if (status.equals("not_found")) {
                doc.set(Optional.empty());
              } else {
                doc.setException(new IllegalStateException("Firestore document unavailable: " + msg));
              }
            } catch (Exception e) {
              doc.setException(e);
            }
          });
    }

    // -- FirebaseStorageService contexts -------------------------------------------------------

    @Override
    public ExpressionPathValue path() {
      return path;
    }

    @Override
    public ExpressionMapValue request() {
      return request;
    }

    @Override
    public ListenableFuture<ExpressionValue> resource() {
      return Futures.immediateFuture(resource);
    }

    @Override
    public ExpressionValue debug(ExpressionValue value) {
      System.err.println("debug(): " + TextFormat.shortDebugString(value)); // asked for by the rules
      return value;
    }

    /** firestore.get(): the document as a rules resource ({data, id, __name__}), null when missing. */
    @Override
    public ListenableFuture<ExpressionValue> firestoreGet(ExpressionPathValue docPath, SourcePosition at) {
      return lookUp(docPath, at, (segments, doc) -> doc.map(d -> resourceOf(segments, d)).orElse(ExpressionValueUtils.NULL));
    }

    /** firestore.exists(). */
    @Override
    public ListenableFuture<ExpressionValue> firestoreExists(ExpressionPathValue docPath, SourcePosition at) {
      return lookUp(docPath, at, (segments, doc) -> ExpressionValueUtils.createValue(doc.isPresent()));
    }

    /** The document at `docPath`, fetched through firebase-tools (one round trip per path), as a rules value. */
    private ListenableFuture<ExpressionValue> lookUp(
        ExpressionPathValue docPath, SourcePosition at, BiFunction<List<String>, Optional<Document>, ExpressionValue> toValue) {
      try {
        List<String> segments = ExpressionValueUtils.getPathSegments(at, docPath);
        return Futures.transform(fetch("/" + String.join("/", segments)), doc -> toValue.apply(segments, doc), MoreExecutors.directExecutor());
      } catch (EvaluationException e) {
        return Futures.immediateFailedFuture(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // values

  /** firebase-tools' ExpressionValue JSON (snake_case proto JSON: map_value, string_value, ...). */
  private ExpressionValue expressionValue(JsonElement json) throws Exception {
    ExpressionValue.Builder value = ExpressionValue.newBuilder();
    if (json == null || json.isJsonNull()) return value.setNullValue(NullValue.NULL_VALUE).build();
    protoJson.merge(json.toString(), value);
    return value.build();
  }

  /** A Firestore document as rules see it: {data: {...}, id: "<last segment>", __name__: path}. */
  private static ExpressionValue resourceOf(List<String> segments, Document doc) {
    ExpressionMapValue.Builder data = ExpressionMapValue.newBuilder();
    doc.getFieldsMap().forEach((k, v) -> data.putFields(k, fromFirestore(v)));
    ExpressionMapValue.Builder resource = ExpressionMapValue.newBuilder();
    resource.putFields("data", ExpressionValue.newBuilder().setMapValue(data).build());
    resource.putFields("id", ExpressionValueUtils.createValue((Object) segments.get(segments.size() - 1)));
    resource.putFields("__name__", ExpressionValueUtils.segmentsToPathExpressions(segments));
    return ExpressionValue.newBuilder().setMapValue(resource).build();
  }

  /** A Firestore value (REST/proto form: stringValue, integerValue, mapValue, ...) as a rules value. */
  private static ExpressionValue fromFirestore(Value v) {
    ExpressionValue.Builder b = ExpressionValue.newBuilder();
    switch (v.getValueTypeCase()) {
      case BOOLEAN_VALUE -> b.setBoolValue(v.getBooleanValue());
      case INTEGER_VALUE -> b.setIntValue(v.getIntegerValue());
      case DOUBLE_VALUE -> b.setFloatValue(v.getDoubleValue());
      case TIMESTAMP_VALUE -> b.setTimestampValue(v.getTimestampValue());
      case STRING_VALUE -> b.setStringValue(v.getStringValue());
      case BYTES_VALUE -> b.setBytesValue(v.getBytesValue());
      case GEO_POINT_VALUE -> b.setLatlngValue(v.getGeoPointValue());
      case REFERENCE_VALUE -> { // projects/<p>/databases/<d>/documents/... -> /databases/<d>/documents/...
        List<String> parts = Arrays.asList(v.getReferenceValue().split("/"));
        return ExpressionValueUtils.segmentsToPathExpressions(parts.subList(Math.min(2, parts.size()), parts.size()));
      }
      case ARRAY_VALUE -> {
        ExpressionListValue.Builder list = ExpressionListValue.newBuilder();
        v.getArrayValue().getValuesList().forEach(e -> list.addValues(fromFirestore(e)));
        b.setListValue(list);
      }
      case MAP_VALUE -> {
        ExpressionMapValue.Builder map = ExpressionMapValue.newBuilder();
        v.getMapValue().getFieldsMap().forEach((k, e) -> map.putFields(k, fromFirestore(e)));
        b.setMapValue(map);
      }
      default -> b.setNullValue(NullValue.NULL_VALUE);
    }
    return b.build();
  }

  // ---------------------------------------------------------------------------------------------
  // replies

  private static JsonObject ok(long id) {
    JsonObject reply = new JsonObject();
    reply.addProperty("id", id);
    reply.addProperty("status", "ok"); // always "ok": firebase-tools drops other replies (and hangs)
    reply.add("errors", new JsonArray());
    reply.add("warnings", new JsonArray());
    return reply;
  }

  private static JsonObject permit(long id, boolean permit) {
    JsonObject reply = ok(id);
    JsonObject result = new JsonObject();
    result.addProperty("permit", permit);
    reply.add("result", result);
    return reply;
  }

  /** An error firebase-tools logs as a WARN; the request is denied. */
  private static JsonObject failure(long id, String message) {
    JsonObject reply = ok(id);
    reply.getAsJsonArray("errors").add(message);
    return reply;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e instanceof JsonNull) throw new IllegalArgumentException("Missing field: " + key);
    return e.getAsString();
  }

  /**
   * The only writer of stdout. firebase-tools parses each stdout chunk as one message, so every
   * message is one flushed line, and a line that closely follows another waits a little so that the
   * two do not reach firebase-tools in the same chunk (firebase-tools spaces its own writes by 15 ms).
   */
  private static final class Writer extends Thread {
    private static final long GAP_MS = 15;
    private final PrintStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean idle = true;

    Writer(PrintStream out) {
      super("rules-stdout");
      setDaemon(true);
      this.out = out;
    }

    void send(JsonObject message) {
      lines.add(message.toString());
    }

    @Override
    public void run() {
      long last = 0;
      try {
        while (true) {
          String line = lines.take();
          idle = false;
          long wait = last + GAP_MS - System.currentTimeMillis();
          if (wait > 0) Thread.sleep(wait);
          out.print(line + "\n");
          out.flush();
          last = System.currentTimeMillis();
          idle = lines.isEmpty();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Waits (briefly) until everything queued has been written. */
    void drain() throws InterruptedException {
      for (int i = 0; i < 200 && !(lines.isEmpty() && idle); i++) Thread.sleep(10);
    }
  }
}
