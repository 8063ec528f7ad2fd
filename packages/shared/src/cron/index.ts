export * from './cron-schedule.js';
export * from './cron-next.js';
