// The slice of apps/v1 StatefulSet the controller reads and writes.
import type { LabelSelectorSpec, ObjectMeta, PodTemplateSpec } from '@kctl/shared';

export interface ClaimTemplate {
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
}

export interface StatefulSetStatus {
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  observedGeneration?: number;
  collisionCount?: number;
}

export interface StatefulSet {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelectorSpec;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: ClaimTemplate[];
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  };
  status?: Partial<StatefulSetStatus>;
}
