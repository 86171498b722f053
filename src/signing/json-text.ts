/**
 * Arrays and plain objects as the JSON text that is signed and sent. `JSON.stringify` changes what it
 * cannot write without a word (NaN and infinities become `null`, functions and symbols vanish or
 * become `null`, a `Map` or a `Set` becomes `{}`, a `Date` becomes UTC ISO text) and throws engine
 * messages for bigints and cycles. This writer gives `JSON.stringify`'s text for everything it
 * accepts, except that a `Date` is Beijing `yyyy-MM-dd HH:mm:ss` like a top-level one, and refuses
 * the rest with the path of the value. Every property is read once, so a getter cannot make the
 * checked value differ from the written one.
 */
import { types } from 'node:util';
import type { InvalidRequestError } from '../errors.js';
import { className } from '../text/quote.js';
import { formatPath, refuse, shown, type PathStep } from './refusal.js';
import { dateText, isPlainObject, numberProblem } from './value-rules.js';

// Far beyond any API's parameter (1688 and TOP nest two or three levels) and far below the stack.
const MAX_DEPTH = 100;

/** The JSON text of `root` (an array or a plain object), the value of parameter `key`. */
export function jsonText(key: string, root: object): string {
  return new JsonWriter(key).object(root);
}

class JsonWriter {
  /** The path from the parameter to the value being written. */
  private readonly steps: PathStep[] = [];
  /** The arrays and objects being written, outermost first: a value among them is a cycle. */
  private readonly open: object[] = [];

  constructor(private readonly key: string) {}

  /** The text of a nested value; undefined when JSON leaves it out (`undefined` in an object). */
  private value(value: unknown): string | undefined {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'number': {
        const problem = numberProblem(value, true);
        if (problem !== undefined) throw this.refuse(problem);
        return String(value);
      }
      case 'boolean':
        return value ? 'true' : 'false';
      case 'undefined':
        return undefined;
      case 'object':
        return value === null ? 'null' : this.object(value);
      case 'bigint':
        throw this.refuse(
          `is a bigint (${shown(this.key, value)}), which JSON cannot carry: pass it as a string, or pass the whole parameter as JSON text`,
        );
      default:
        throw this.refuse(`is a ${typeof value} (${shown(this.key, value)}), which JSON cannot carry`);
    }
  }

  object(value: object): string {
    if (types.isDate(value)) {
      const text = dateText(value as Date);
      if (text === undefined) throw this.refuse('is an invalid Date');
      return JSON.stringify(text);
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      throw this.refuse(`is a ${className(value)}; only arrays and plain objects are sent as JSON`);
    }
    this.enter(value);
    const text = isArray ? this.array(value as readonly unknown[]) : this.plain(value as Record<string, unknown>);
    this.open.pop();
    return text;
  }

  private array(list: readonly unknown[]): string {
    let text = '[';
    for (let i = 0; i < list.length; i++) {
      this.steps.push(i);
      // JSON writes a missing element (undefined, a hole) as null.
      text += (i === 0 ? '' : ',') + (this.value(list[i]) ?? 'null');
      this.steps.pop();
    }
    return `${text}]`;
  }

  private plain(object: Record<string, unknown>): string {
    let text = '{';
    let first = true;
    for (const name of Object.keys(object)) {
      this.steps.push(name);
      const written = this.value(object[name]);
      this.steps.pop();
      if (written === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(name)}:${written}`;
      first = false;
    }
    return `${text}}`;
  }

  private enter(value: object): void {
    const at = this.open.indexOf(value);
    if (at >= 0) {
      const target = formatPath(this.key, this.steps.slice(0, at));
      throw this.refuse(`refers back to ${target}: a cycle cannot be written as JSON`);
    }
    if (this.open.length >= MAX_DEPTH) throw this.refuse(`is nested more than ${MAX_DEPTH} levels deep`);
    this.open.push(value);
  }

  private refuse(problem: string): InvalidRequestError {
    return refuse(this.key, this.steps, problem);
  }
}
