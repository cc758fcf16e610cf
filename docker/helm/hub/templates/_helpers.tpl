{{/* Chart name, release-scoped full name and per-component names (63 characters max). */}}
{{- define "hub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hub.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* (dict "root" $ "name" "operator-gateway") -> "<fullname>-operator-gateway" */}}
{{- define "hub.componentName" -}}
{{- printf "%s-%s" (include "hub.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels; (dict "root" $ "name" <component>) */}}
{{- define "hub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hub.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "hub.labels" -}}
{{ include "hub.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: einvoice-hub
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Image of a service; (dict "root" $ "name" <service>) */}}
{{- define "hub.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "hub.secretName" -}}
{{- printf "%s-secrets" (include "hub.fullname" .) -}}
{{- end -}}

{{- define "hub.natsUrl" -}}
{{- if .Values.natsUrl -}}
{{- .Values.natsUrl -}}
{{- else if .Values.nats.enabled -}}
{{- printf "nats://%s-nats:4222" (include "hub.fullname" .) -}}
{{- else -}}
{{- fail "natsUrl is required when nats.enabled is false" -}}
{{- end -}}
{{- end -}}

{{/* Helm hook events of the migrate + provision jobs. */}}
{{- define "hub.migrationHooks" -}}
{{- if .Values.migrations.hooks -}}
{{- .Values.migrations.hooks -}}
{{- else if or .Values.nats.enabled .Values.postgres.enabled -}}
post-install,pre-upgrade
{{- else -}}
pre-install,pre-upgrade
{{- end -}}
{{- end -}}

{{/*
The environment of a service container (and of its migrate job):
(dict "root" $ "name" <service> "svc" <service values>)
*/}}
{{- define "hub.env" -}}
{{- $root := .root -}}
{{- $refs := $root.Values.secretRefs -}}
{{- $chartSecret := include "hub.secretName" $root -}}
- name: HOST
  value: "0.0.0.0"
- name: PORT
  value: {{ .svc.port | quote }}
- name: NATS_URL
  value: {{ include "hub.natsUrl" $root | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
{{- if $refs.databaseUrl.name }}
      name: {{ $refs.databaseUrl.name }}
      key: {{ $refs.databaseUrl.key }}
{{- else if $root.Values.postgres.enabled }}
      name: {{ printf "%s-pg-app" (include "hub.fullname" $root) }}
      key: uri
{{- else }}
      name: {{ $chartSecret }}
      key: DATABASE_URL
{{- end }}
- name: API_TOKENS
  valueFrom:
    secretKeyRef:
{{- if $refs.apiTokens.name }}
      name: {{ $refs.apiTokens.name }}
      key: {{ $refs.apiTokens.key }}
{{- else }}
      name: {{ $chartSecret }}
      key: API_TOKENS
{{- end }}
{{- if .svc.credentialsKey }}
- name: CREDENTIALS_KEY
  valueFrom:
    secretKeyRef:
{{- if $refs.credentialsKey.name }}
      name: {{ $refs.credentialsKey.name }}
      key: {{ $refs.credentialsKey.key }}
{{- else }}
      name: {{ $chartSecret }}
      key: CREDENTIALS_KEY
{{- end }}
{{- end }}
{{- $own := default (dict) .svc.env }}
{{- range $key, $value := $root.Values.common.env }}
{{- if not (hasKey $own $key) }}
- name: {{ $key }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- range $key, $value := $own }}
- name: {{ $key }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}
