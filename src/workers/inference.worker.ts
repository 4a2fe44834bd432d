// Why this file exists: the inference worker's entry; the work lives in inference-api.ts.
import { expose } from 'comlink';
import './rpc';
import { inferenceApi } from './inference-api';

expose(inferenceApi);
