// Why this file exists: the hash worker's entry. It only wires the API to the worker's
// global scope; the work lives in hash-api.ts so it can be tested without a worker.
import { expose } from 'comlink';
import './rpc';
import { hashApi } from './hash-api';

expose(hashApi);
