// @kctl/scheduler: the scheduler's building blocks (the process entry point is main.ts).
export { Scheduler, type SchedulerOptions } from './scheduler.js';
export { PodScheduler, feasibleNodesToFind, type ScheduleResult } from './schedule-pod.js';
export { SchedulingQueue, DEFAULT_QUEUE_OPTIONS, type SchedulingQueueOptions } from './queue/scheduling-queue.js';
export { fitErrorMessage, preemptionMessage, NO_NODES_AVAILABLE } from './fit-error.js';
export { DEFAULT_SCHEDULER_NAME, isPendingFor } from './pod-eligibility.js';
export { podRequests, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST } from './resources/pod-requests.js';
