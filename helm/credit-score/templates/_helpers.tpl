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

{{- define "credit-score.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "credit-score.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The route files: the chart's copy of routes/, with values entries replacing or adding files. */}}
{{- define "credit-score.routeFiles" -}}
{{- $files := dict }}
{{- range $path, $_ := .Files.Glob "files/routes/*.yaml" }}
{{- $_ := set $files (base $path) ($.Files.Get $path) }}
{{- end }}
{{- range $name, $content := .Values.routes.files }}
{{- $_ := set $files $name $content }}
{{- end }}
{{- toYaml $files }}
{{- end }}

{{/* Where the route files are mounted; the image's own routes/ folder is shadowed by them. */}}
{{- define "credit-score.routesDir" -}}
/app/routes
{{- end }}

{{- define "credit-score.modelCacheDir" -}}
/var/cache/credit-score
{{- end }}
