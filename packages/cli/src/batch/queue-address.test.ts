import { describe, expect, it } from 'vitest';
import { connectionOptions, parseQueueAddress } from './queue-address';

describe('--queue addresses', () => {
  it('give host, port, queue name and credentials', () => {
    expect(parseQueueAddress('redis://127.0.0.1:6380/library')).toEqual({
      host: '127.0.0.1',
      port: 6380,
      name: 'library',
      tls: false,
    });
    expect(parseQueueAddress('rediss://me:s%40cret@queue.example:7000/')).toEqual({
      host: 'queue.example',
      port: 7000,
      name: 'ae-ddsp',
      username: 'me',
      password: 's@cret',
      tls: true,
    });
    expect(parseQueueAddress('redis://[::1]/q').host).toBe('::1');
    expect(connectionOptions(parseQueueAddress('redis://h:1/q'))).toMatchObject({
      host: 'h',
      port: 1,
      maxRetriesPerRequest: null,
    });
  });

  it('refuse what is not a redis URL with a queue name', () => {
    expect(() => parseQueueAddress('localhost:6379')).toThrow(/protocol localhost: is not redis: or rediss:/);
    expect(() => parseQueueAddress('not a url')).toThrow(
      '--queue "not a url": not a URL; expected redis://host:port/name',
    );
    expect(() => parseQueueAddress('http://h:1/q')).toThrow(/protocol http:/);
    expect(() => parseQueueAddress('redis://h:1/a/b')).toThrow(/queue name "a\/b" may use only/);
  });
});
