import { Counter, Gauge, Registry } from 'prom-client';
import type { ComponentName } from './component';

/** What `rakuten dev` itself exposes: how its supervised components fare. */
export function createStackMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    restarts: new Counter({
      name: 'rakuten_component_restarts_total',
      help: 'restarts of a component by rakuten dev after it exited unexpectedly',
      labelNames: ['component'],
      registers,
    }),
    up: new Gauge({
      name: 'rakuten_component_up',
      help: '1 while the component serves, 0 while it is down or restarting',
      labelNames: ['component'],
      registers,
    }),
    /** Shows the component at 0 restarts from the start, so a rate is defined before the first. */
    track(component: ComponentName): void {
      this.restarts.inc({ component }, 0);
      this.up.set({ component }, 1);
    },
  };
}

export type StackMetrics = ReturnType<typeof createStackMetrics>;
