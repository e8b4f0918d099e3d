{{/* Chart name, truncated to the 63 characters Kubernetes allows in a name. */}}
{{- define "credit-score.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "credit-score.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "credit-score.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "credit-score.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The name of one of the release's objects: the full name and a suffix ("-management"),
within the 63 characters of a Service's name. When the two are longer, the full name is
cut and followed by a hash of all of it, so that releases whose names differ only past the
cut still get names of their own. Called with (dict "context" $ "suffix" "-management"). */}}
{{- define "credit-score.suffixedName" -}}
{{- $fullname := include "credit-score.fullname" .context }}
{{- if le (add (len $fullname) (len .suffix)) 63 }}
{{- printf "%s%s" $fullname .suffix }}
{{- else }}
{{- $kept := sub 63 (add (len .suffix) 7) }}
{{- printf "%s-%s%s" ($fullname | trunc (int $kept) | trimSuffix "-") (sha256sum $fullname | trunc 6) .suffix }}
{{- end }}
{{- end }}

{{- define "credit-score.managementName" -}}
{{- include "credit-score.suffixedName" (dict "context" . "suffix" "-management") }}
{{- end }}

{{- define "credit-score.settingsName" -}}
{{- include "credit-score.suffixedName" (dict "context" . "suffix" "-settings") }}
{{- end }}

{{- define "credit-score.routesName" -}}
{{- include "credit-score.suffixedName" (dict "context" . "suffix" "-routes") }}
{{- end }}

{{- define "credit-score.portfolioJobName" -}}
{{- include "credit-score.suffixedName" (dict "context" . "suffix" (printf "-portfolio-%s" (sha256sum .Values.portfolio.job.runId | trunc 8))) }}
{{- end }}

{{- define "credit-score.testName" -}}
{{- include "credit-score.suffixedName" (dict "context" . "suffix" "-test-health") }}
{{- end }}

{{- define "credit-score.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "credit-score.selectorLabels" -}}
app.kubernetes.io/name: {{ include "credit-score.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "credit-score.labels" -}}
helm.sh/chart: {{ include "credit-score.chart" . }}
{{ include "credit-score.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of the pods: podLabels first, the chart's own labels over them (the schema refuses
the selector labels in podLabels). */}}
{{- define "credit-score.podLabels" -}}
{{- $labels := include "credit-score.labels" . | fromYaml }}
{{- toYaml (merge $labels .Values.podLabels) }}
{{- end }}

{{/* Selector labels of the helm test pod: the release's instance without the name label, so
that no Service, PodDisruptionBudget or NetworkPolicy of the service selects it, and a
label of the chart's own naming this release's test, which the NetworkPolicy admits: a
pod with only the two common labels (another chart's test of the same release) gets no
further than any pod. */}}
{{- define "credit-score.testSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: test
credit-score.vpbank.com/helm-test: {{ include "credit-score.fullname" . }}
{{- end }}

{{- define "credit-score.testLabels" -}}
helm.sh/chart: {{ include "credit-score.chart" . }}
{{ include "credit-score.testSelectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The image reference: by digest when one is given, else by tag. */}}
{{- define "credit-score.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* Pull secrets: the chart's and the parent chart's (global.imagePullSecrets). */}}
{{- define "credit-score.imagePullSecrets" -}}
{{- $secrets := concat (.Values.global.imagePullSecrets | default list) .Values.imagePullSecrets }}
{{- with $secrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The JVM's options. They replace the image's JAVA_TOOL_OPTIONS whole, so they repeat
its -XX:+ExitOnOutOfMemoryError. */}}
{{- define "credit-score.javaToolOptions" -}}
{{- $options := list (printf "-XX:MaxRAMPercentage=%v" .Values.jvm.maxRamPercentage) "-XX:+ExitOnOutOfMemoryError" }}
{{- with .Values.jvm.extraOpts }}
{{- $options = append $options . }}
{{- end }}
{{- join " " $options }}
{{- end }}

{{/* A value as text, a whole number as a plain integer: Helm reads the numbers of a values
file as floats, which print in e-notation from a million on (1048576 as 1.048576e+06). */}}
{{- define "credit-score.plain" -}}
{{- if and (kindIs "float64" .) (eq . (float64 (int64 .))) }}{{ int64 . }}{{ else }}{{ . }}{{ end }}
{{- end }}

{{/* The least number of pods the release runs. */}}
{{- define "credit-score.minReplicas" -}}
{{- include "credit-score.plain" (ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled) }}
{{- end }}

{{/* A duration of the schema's form (a number and one of ms, s, m, h) in milliseconds. */}}
{{- define "credit-score.durationMs" -}}
{{- $units := dict "ms" 1 "s" 1000 "m" 60000 "h" 3600000 }}
{{- mul (atoi (regexFind "^[0-9]+" .)) (get $units (regexFind "[a-z]+$" .)) }}
{{- end }}

{{/* Combinations of values the schema cannot refuse, refused with a message that says why. */}}
{{- define "credit-score.validateValues" -}}
{{- if and .Values.serviceAccount.roleArn (not .Values.serviceAccount.create) }}
{{- fail (printf "serviceAccount.roleArn is set but serviceAccount.create is false: the chart cannot annotate an account it does not create. Annotate the service account %q with eks.amazonaws.com/role-arn yourself and leave roleArn empty, or set serviceAccount.create=true." (include "credit-score.serviceAccountName" .)) }}
{{- end }}
{{- $min := .Values.podDisruptionBudget.minAvailable }}
{{- $replicas := int (include "credit-score.minReplicas" .) }}
{{- if and .Values.podDisruptionBudget.enabled (ne (toString $min) "") }}
{{- /* A percentage counts pods as Kubernetes does: rounded up. */}}
{{- $kept := 0 }}
{{- if kindIs "string" $min }}
{{- $kept = div (add (mul $replicas (int (trimSuffix "%" $min))) 99) 100 }}
{{- else }}
{{- $kept = int $min }}
{{- end }}
{{- if ge (int $kept) $replicas }}
{{- fail (printf "podDisruptionBudget.minAvailable (%v) must be below the replica count (%d): it keeps %d of the %d pods, so no pod could ever be evicted and every node drain would block." $min $replicas (int $kept) $replicas) }}
{{- end }}
{{- end }}
{{- if and (eq .Values.shutdown.preStopAction "sleep") (semverCompare "<1.30.0-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "shutdown.preStopAction sleep needs Kubernetes 1.30 or later (the cluster is %s): use exec." .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- with .Values.metrics.serviceMonitor }}
{{- if and .enabled (gt (int64 (include "credit-score.durationMs" .scrapeTimeout)) (int64 (include "credit-score.durationMs" .interval))) }}
{{- fail (printf "metrics.serviceMonitor.scrapeTimeout (%s) must not exceed metrics.serviceMonitor.interval (%s): Prometheus refuses such a scrape configuration and the ServiceMonitor would scrape nothing. Set a scrapeTimeout no longer than the interval." .scrapeTimeout .interval) }}
{{- end }}
{{- end }}
{{- with .Values.portfolio.job }}
{{- if .enabled }}
{{- if semverCompare "<1.28.0-0" $.Capabilities.KubeVersion.Version }}
{{- fail (printf "portfolio.job needs Kubernetes 1.28 or later for backoffLimitPerIndex (the cluster is %s)." $.Capabilities.KubeVersion.Version) }}
{{- end }}
{{- if or (not .runId) (not .input) (not $.Values.models.bucket) }}
{{- fail "portfolio.job needs portfolio.job.runId, portfolio.job.input and models.bucket (the input is a key of that bucket)." }}
{{- end }}
{{- if gt (int .parallelism) (int .completions) }}
{{- fail "portfolio.job.parallelism is above portfolio.job.completions: the extra pods would have no shard." }}
{{- end }}
{{- end }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas is above autoscaling.maxReplicas." }}
{{- end }}
{{- end }}

{{- define "credit-score.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "credit-score.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The route files: the chart's copy of routes/ (files/routes, real files kept identical to
routes/ by HelmChartTest), less the files named in routes.remove, with routes.files
entries replacing or adding files. The ConfigMap is
mounted over the image's routes/, so a chart without its route files (a checkout or a Git
source that left the folder out) would start pods with no routes that never turn ready:
such a chart refuses to render. */}}
{{- define "credit-score.routeFiles" -}}
{{- $files := dict }}
{{- range $path, $_ := .Files.Glob "files/routes/*.camel.yaml" }}
{{- $_ := set $files (base $path) ($.Files.Get $path) }}
{{- end }}
{{- if not $files }}
{{- fail "The chart holds no route file (files/routes/*.camel.yaml): the routes ConfigMap would be empty and hide the image's routes, and no pod would turn ready. Install from the packaged chart (helm package), or from a checkout that holds helm/credit-score/files/routes." }}
{{- end }}
{{- range $name := .Values.routes.remove | default list }}
{{- if not (hasKey $files $name) }}
{{- fail (printf "routes.remove names %s, which is not one of the chart's route files (%s)." $name (keys $files | sortAlpha | join ", ")) }}
{{- end }}
{{- if hasKey $.Values.routes.files $name }}
{{- fail (printf "%s is both in routes.remove and in routes.files: keep one." $name) }}
{{- end }}
{{- $_ := unset $files $name }}
{{- end }}
{{- range $name, $content := .Values.routes.files }}
{{- $_ := set $files $name $content }}
{{- end }}
{{- if not $files }}
{{- fail "routes.remove removes every route file and routes.files adds none: the pods would run no route and never turn ready." }}
{{- end }}
{{- toYaml $files }}
{{- end }}

{{/* Where the route files are mounted; the image's own routes/ folder is shadowed by them. */}}
{{- define "credit-score.routesDir" -}}
/app/routes
{{- end }}

{{/* Where the application serves its Prometheus metrics (camel.metrics.path). */}}
{{- define "credit-score.metricsPath" -}}
/observe/metrics
{{- end }}

{{- define "credit-score.modelCacheDir" -}}
/var/cache/credit-score
{{- end }}
